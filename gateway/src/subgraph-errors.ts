// A subgraph that is down or too slow must cost the caller only its part of the result: the
// rest of the data, plus an error naming the service and the field that failed — never a hang,
// never an internal URL or host.
import { AsyncLocalStorage } from "node:async_hooks";
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { Logger } from "@ppt/server-kit/edge";
import { Kind, parse, type GraphQLFormattedError, type OperationDefinitionNode } from "graphql";
import { isOpenBreaker, type SubgraphBreakers } from "./circuit-breaker.ts";
import type { InflightFetches } from "./dedup.ts";
import type { OperationBudgets } from "./subgraph-fetch.ts";
import { holdsOneEntityEach } from "./direct-fetch/joins.ts";
import type { HandedAnswer } from "./direct-fetch/lane.ts";
import { AnswerResponse, fetchAnswer, type SubgraphAnswer, type SubgraphRequest as OutgoingRequest } from "./subgraph-answer.ts";

type SubgraphRequest = GraphQLDataSourceProcessOptions["request"];
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource["process"]>>;

/** Root fields of a subgraph fetch: where to report its failure in the caller's result. */
function failedPaths(query: string | undefined): (string | number)[][] {
  if (!query) return [[]];
  // Entity fetches: report at the first entity; the gateway maps `_entities` indices to result paths.
  if (query.includes("_entities")) return [["_entities", 0]];
  try {
    const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const fields = operation?.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [(s.alias ?? s.name).value] : [])) ?? [];
    return fields.length ? fields.map((field) => [field]) : [[]];
  } catch {
    return [[]];
  }
}

export interface ResilienceDeps {
  budgets: OperationBudgets;
  breakers: SubgraphBreakers;
  logger: Logger;
  /** In-flight deduplication of identical query fetches of one caller (absent: every fetch is sent). */
  dedup?: InflightFetches;
}

/** Sends one request to a subgraph: within its deadline, through the subgraph's breaker, sharing an identical in-flight query's answer. */
export type SubgraphSender = (url: string, init: OutgoingRequest, timeoutMs: number, query: boolean) => Promise<SubgraphAnswer>;

export function subgraphSender(serviceName: string, deps: ResilienceDeps): SubgraphSender {
  const throughBreaker = deps.breakers.exchangeFor(serviceName);
  return (url, init, timeoutMs, query) => {
    const send = () => fetchAnswer(throughBreaker, url, init, timeoutMs);
    return deps.dedup ? deps.dedup.answer(send, url, init, query) : send();
  };
}

/**
 * Gives each subgraph request a deadline sized to its operation, sends it through the subgraph's
 * circuit breaker, logs every failure with the caller's request id, and turns network failures,
 * timeouts and an open breaker into coded GraphQL errors placed on the failed fields.
 */
export class ResilientDataSource<TContext extends object> extends RemoteGraphQLDataSource<TContext> {
  /** The deadline of the request being sent, whether it is a query and an answer already in hand: set in `process`, read by the fetcher it calls. */
  private readonly sending = new AsyncLocalStorage<{ timeoutMs: number; query: boolean; handed?: Promise<SubgraphAnswer> | undefined }>();

  constructor(
    private readonly serviceName: string,
    private readonly deps: ResilienceDeps,
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<TContext>>[0],
  ) {
    const send = subgraphSender(serviceName, deps);
    super({
      ...config,
      fetcher: ((input: string, init: OutgoingRequest) => {
        const sending = this.sending.getStore();
        const handed = sending?.handed;
        if (sending) sending.handed = undefined;
        return (handed ?? send(input, init, sending?.timeoutMs ?? deps.budgets.timeoutMs(undefined), sending?.query === true)).then(
          (a) => new AnswerResponse(a),
        );
      }) as never,
    });
    // Apollo declares sendRequest private; its process() calls it through `this`.
    (this as unknown as { sendRequest: unknown }).sendRequest = this.sendWithoutRequestObject.bind(this);
  }

  /**
   * Apollo's sendRequest, less the node-fetch Request it builds on every fetch only to hand it to
   * `didEncounterError` (not overridden here: it rethrows): parsing that Request's URL cost more
   * CPU than anything else on the data source's path.
   */
  private async sendWithoutRequestObject(request: SubgraphRequest, context: TContext): Promise<SubgraphResponse> {
    if (!request.http) throw new Error("Internal error: Only 'http' requests are supported.");
    const { http, ...withoutHttp } = request;
    const init = { method: http.method, headers: Object.fromEntries(http.headers), body: JSON.stringify(withoutHttp) };
    const response = await this.fetcher(http.url, init);
    if (!response.ok) throw await this.errorFromResponse(response);
    const body: unknown = await this.parseBody(response, undefined, context);
    if (!body || typeof body !== "object") throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    // Only entity fetches send representations; their answer is checked on the body already parsed.
    const representations = (withoutHttp.variables as { representations?: unknown } | undefined)?.representations;
    if (Array.isArray(representations) && !isMergeableEntitiesAnswer(body, representations.length)) throw new InvalidEntitiesAnswer();
    return { ...(body as SubgraphResponse), http: response };
  }

  override async process(options: GraphQLDataSourceProcessOptions<TContext>) {
    const timeoutMs = this.deps.budgets.timeoutMs(options.request.query);
    const started = Date.now();
    try {
      const query = this.deps.budgets.isQuery(options.request.query);
      return await this.sending.run({ timeoutMs, query, handed: takeHandedAnswer(options.context, this.serviceName, options.request.query) }, () =>
        super.process(options),
      );
    } catch (error) {
      // The subgraph answered, but refused the request as a whole (a revoked session, a rate
      // limit): its coded errors reach the caller, without the subgraph's URL.
      const refused = refusalOf(error);
      if (refused) return { errors: failedPaths(options.request.query).flatMap((path) => refused.map((e) => ({ ...e, path }))) } as never;
      const requestId = (options.context as { requestId?: string } | undefined)?.requestId;
      this.deps.logger.warn(
        { requestId, subgraph: this.serviceName, reason: reasonOf(error), timeoutMs, elapsedMs: Date.now() - started },
        "subgraph request failed",
      );
      return {
        errors: failedPaths(options.request.query).map((path) => ({
          message: `The ${this.serviceName} service is unavailable`,
          path,
          extensions: { code: "SERVICE_UNAVAILABLE" },
        })),
      } as never;
    }
  }
}

/** The direct lane's answer to this fetch, taken once (see direct-fetch/lane.ts): Apollo's execution asks in the lane's order. */
function takeHandedAnswer(context: unknown, serviceName: string, query: string | undefined): Promise<SubgraphAnswer> | undefined {
  const handed = (context as { handedAnswers?: HandedAnswer[] } | undefined)?.handedAnswers;
  const index = handed?.findIndex((answer) => answer.serviceName === serviceName && answer.query === query) ?? -1;
  return index < 0 ? undefined : handed!.splice(index, 1)[0]!.outcome;
}

/**
 * An entity fetch's answer Apollo Gateway's executor cannot merge. The executor merges what it
 * gets without checking its shape: an entity that is not an object (or null) fails the whole
 * request with an internal TypeError, and `_entities` missing or of another length with an
 * internal message. Such an answer is the subgraph's failure, reported as any other failed fetch.
 */
class InvalidEntitiesAnswer extends Error {
  constructor() {
    super("The subgraph's answer to an entity fetch is not a list of one object or null per representation");
    this.name = "InvalidEntitiesAnswer";
  }
}

/**
 * Errors without data are Apollo's to report; otherwise `_entities` must hold, for each
 * representation sent, an object or null. An answer with neither data nor errors would leave the
 * entities' fields null with no error at all.
 */
function isMergeableEntitiesAnswer(body: { data?: unknown; errors?: unknown }, representations: number): boolean {
  const { data } = body;
  if (data === null || data === undefined) return Array.isArray(body.errors) && body.errors.length > 0;
  return holdsOneEntityEach(typeof data === "object" ? (data as { _entities?: unknown })._entities : undefined, representations);
}

/** Why a subgraph request failed, in words an operator can act on (never its URL). */
function reasonOf(error: unknown): string {
  if (isOpenBreaker(error)) return "circuit open";
  if (error instanceof InvalidEntitiesAnswer) return "invalid entities answer";
  const err = error as { name?: string; cause?: { name?: string; code?: string }; extensions?: { response?: { status?: number } } };
  if (err?.name === "TimeoutError" || err?.cause?.name === "TimeoutError") return "timeout";
  if (err?.extensions?.response?.status) return `status ${err.extensions.response.status}`;
  return err?.cause?.code ?? err?.name ?? "error";
}

/** Coded errors of a 4xx subgraph response (the data source puts the response in `extensions.response`). */
function refusalOf(error: unknown): { message: string; extensions: Record<string, unknown> }[] | null {
  const response = (error as { extensions?: { response?: { status?: number; body?: unknown } } } | null)?.extensions?.response;
  const body = response?.body as { errors?: unknown } | undefined;
  if (!response?.status || response.status < 400 || response.status >= 500) return null;
  if (!body || !Array.isArray(body.errors) || body.errors.length === 0) return null;
  const errors = (body.errors as ({ message?: unknown; extensions?: { code?: unknown } } | null)[]).filter(
    (e): e is { message: string; extensions: Record<string, unknown> } => typeof e?.message === "string" && typeof e?.extensions?.code === "string",
  );
  return errors.length === body.errors.length ? errors.map((e) => ({ message: e.message, extensions: e.extensions })) : null;
}

/** Every error leaves with a code; nothing internal (stack, exception, URLs) is attached. */
export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { exception: _exception, stacktrace: _stacktrace, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  return { ...formatted, extensions: { ...extensions, code: extensions.code ?? "INTERNAL_SERVER_ERROR" } };
}
