// The direct lane: a query whose route is known (routes.ts) is checked as Apollo would check it
// (the caller's token, the variables against the operation's definitions, the rate limit by the
// same cost) and sent to its subgraph as Apollo Gateway would send it (the same subgraph
// operation, headers, deadline, circuit breaker and in-flight deduplication). An answer that is
// data without errors goes back to the client as the subgraph wrote it; for other routes the lane
// sends the plan's entity fetches and shapes the merged data (joins.ts, shape.ts). Anything
// else — an unknown query, a refused token or charge, bad variables, a subgraph error or failure,
// data Apollo would report an error for — is left to Apollo, which answers it in full (the lane
// has written nothing; a charge it made is not made twice, and an answer it got is not asked for
// again). Profiling put about half of the gateway's CPU per lookup in Apollo's request pipeline
// and the plan's execution and result shaping (the operation rebuilt for every request), which
// such queries need only in this cheaper form.
import type { IncomingMessage, ServerResponse } from "node:http";
import Negotiator from "negotiator";
import { graphqlRuntime, nameRequestOperation } from "@ppt/server-kit/edge";
import { entitiesAt, holdsOneEntityEach, mergeInto, representationOf, type JsonObject } from "./joins.ts";
import type { DirectRoute, DirectRoutes, EntityFetch, RouteFetch } from "./routes.ts";
import { shapeAnswer, UNSHAPED } from "./shape.ts";
import type { SubgraphSender } from "../subgraph-errors.ts";
import type { SubgraphAnswer } from "../subgraph-answer.ts";

/** The subgraph's answer to a request the lane sent and then left to Apollo (or the failure to get one). */
export interface HandedAnswer {
  serviceName: string;
  query: string;
  outcome: Promise<SubgraphAnswer>;
}

/** What the lane needs of the gateway's context: the headers sent to subgraphs and the request id; where it hands an answer over. */
export interface LaneContext {
  headers: Record<string, string>;
  requestId: string;
  handedAnswers?: HandedAnswer[];
}

export interface DirectLaneDeps<TContext extends LaneContext> {
  routes: DirectRoutes;
  /** The gateway's context for the request (the same object Apollo is then given); throws when the caller is refused. */
  context(req: IncomingMessage): Promise<TContext>;
  /** The text of a persisted document the request names by id (`extensions.persistedQuery`), if it is one of the apps'. */
  manifestText(extensions: unknown): string | undefined;
  /** False when the request belongs to Apollo anyway (e.g. an anonymous read the response cache serves, an app's ad-hoc document). */
  eligible(req: IncomingMessage, fromManifest: boolean): boolean;
  subgraphUrls: Record<string, string>;
  senders: Record<string, SubgraphSender>;
  timeoutMs(query: string): number;
  /** The headers of a subgraph request, as the gateway's data sources set them. */
  subgraphHeaders(context: TContext): Record<string, string>;
  /** Charges the request (and records the charge on the context, so Apollo does not charge again); the RateLimit headers, or null when refused. */
  charge?(context: TContext, route: DirectRoute, variables: Record<string, unknown>): Promise<Record<string, string> | null>;
  /** Counts an answered query (the gateway's request metrics). */
  answered(seconds: number): void;
}

export class DirectLane<TContext extends LaneContext> {
  /** Queries answered by forwarding (for tests and metrics). */
  forwarded = 0;

  constructor(private readonly deps: DirectLaneDeps<TContext>) {}

  /** Answers the request by forwarding, or returns false having written nothing. */
  readonly serve = async (req: IncomingMessage, res: ServerResponse, body: unknown): Promise<boolean> => {
    const started = process.hrtime.bigint();
    const { deps } = this;
    if (!body || typeof body !== "object") return false;
    const { query: text, variables = {}, operationName, extensions } = body as Record<string, unknown>;
    // An app's document by its id (the manifest's text wins, as with Apollo), else the text sent; other extensions are Apollo's.
    const fromManifest = extensions !== undefined ? deps.manifestText(extensions) : undefined;
    if (extensions !== undefined && (!fromManifest || Object.keys(extensions as object).length !== 1)) return false;
    const query = fromManifest ?? text;
    if (typeof query !== "string") return false;
    const route = deps.routes.get(query);
    if (!route || (operationName != null && operationName !== route.operation.name?.value)) return false;
    // Only a JSON POST (never a "simple" request a browser sends cross-site without a preflight: Apollo's CSRF rule).
    if (req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase() !== "application/json") return false;
    const contentType = contentTypeFor(req.headers.accept);
    if (!contentType) return false;
    const reachable = (fetch: RouteFetch) => deps.subgraphUrls[fetch.serviceName] !== undefined && deps.senders[fetch.serviceName] !== undefined;
    if (
      !reachable(route) ||
      !route.joins.every((group) => group.every(reachable)) ||
      !variables ||
      typeof variables !== "object" ||
      Array.isArray(variables) ||
      !deps.eligible(req, fromManifest !== undefined)
    )
      return false;
    const given = variables as Record<string, unknown>;
    if (graphqlRuntime.getVariableValues(route.schema, route.operation.variableDefinitions ?? [], given).errors) return false;
    let context: TContext;
    try {
      context = await deps.context(req);
    } catch {
      return false;
    }
    let rateLimitHeaders: Record<string, string> | null = {};
    if (deps.charge) rateLimitHeaders = await deps.charge(context, route, given);
    if (!rateLimitHeaders) return false;

    // Every request the lane sends is kept: an answer it cannot use (errors, a refusal) or a
    // failure is handed to Apollo's data source for the same fetch, and Apollo answers from it
    // without asking the subgraph again.
    const sent: HandedAnswer[] = [];
    const fetchAnswer = (fetch: RouteFetch, variables: Record<string, unknown>) => {
      const init = {
        method: "POST",
        headers: deps.subgraphHeaders(context),
        body: JSON.stringify({ query: fetch.query, variables, operationName: fetch.operationName }),
      };
      const outcome = deps.senders[fetch.serviceName]!(deps.subgraphUrls[fetch.serviceName]!, init, deps.timeoutMs(fetch.query), true);
      sent.push({ serviceName: fetch.serviceName, query: fetch.query, outcome });
      return outcome.then(
        (answer) => (answer.status === 200 && isPlainData(answer.body) ? answer : null),
        () => null,
      );
    };
    const handOver = () => {
      context.handedAnswers = sent;
      return false;
    };
    const answer = await fetchAnswer(route, usedVariables(route, given));
    if (!answer) return handOver();
    const answers = [answer];
    let answerBody = answer.body;
    if (route.shape) {
      const data = dataOf(answer)?.data as JsonObject | undefined;
      if (!data) return handOver();
      for (const group of route.joins) {
        const joined = await Promise.all(group.map((join) => this.join(data, join, given, fetchAnswer)));
        if (joined.includes(false)) return handOver();
        for (const got of joined) if (typeof got === "object") answers.push(got);
      }
      const shaped = shapeAnswer(route.shape, data);
      if (shaped === UNSHAPED) return handOver();
      // Apollo Server's serialization of a result without errors or extensions.
      answerBody = Buffer.from(`${JSON.stringify({ data: shaped })}\n`);
    }

    res.statusCode = 200;
    res.setHeader("content-type", contentType);
    res.setHeader("cache-control", cacheControlOf(answers));
    for (const [name, value] of Object.entries(rateLimitHeaders)) res.setHeader(name, value);
    res.setHeader("x-request-id", context.requestId);
    nameRequestOperation(req, route.operation.name?.value);
    this.forwarded++;
    deps.answered(Number(process.hrtime.bigint() - started) / 1e9);
    res.end(answerBody);
    return true;
  };

  /**
   * One entity fetch of the plan, merged into the data: true when it had nothing to ask, its
   * answer when it was merged, false when its answer cannot be used.
   */
  private async join(
    data: JsonObject,
    join: EntityFetch,
    given: Record<string, unknown>,
    fetchAnswer: (fetch: RouteFetch, variables: Record<string, unknown>) => Promise<SubgraphAnswer | null>,
  ): Promise<SubgraphAnswer | boolean> {
    const representations: JsonObject[] = [];
    const owners: JsonObject[] = [];
    for (const entity of entitiesAt(data, join.path)) {
      const representation = representationOf(entity, join.requires);
      if (!representation?.__typename) continue;
      representations.push(representation);
      owners.push(entity);
    }
    if (representations.length === 0) return true;
    const answer = await fetchAnswer(join, { ...usedVariables(join, given), representations });
    if (!answer) return false;
    const received = (dataOf(answer)?.data as { _entities?: unknown } | undefined)?._entities;
    // Anything else is the subgraph's error: Apollo reports it as a failed fetch (subgraph-errors.ts).
    if (!holdsOneEntityEach(received, representations.length)) return false;
    received.forEach((entity, i) => {
      const owner = owners[i]!;
      if (entity && !entity.__typename) entity.__typename = owner.__typename;
      mergeInto(owner, entity);
    });
    return answer;
  }
}

/** The answer's JSON (`isPlainData` only looked at its start). */
function dataOf(answer: SubgraphAnswer): { data?: unknown } | null {
  try {
    return JSON.parse(answer.body.toString("utf8")) as { data?: unknown };
  } catch {
    return null;
  }
}

/** Apollo Gateway's subgraph variables: those of the client's the subgraph operation uses, when given. */
function usedVariables(fetch: RouteFetch, given: Record<string, unknown>): Record<string, unknown> {
  const used: Record<string, unknown> = {};
  for (const name of fetch.variableNames) if (given[name] !== undefined) used[name] = given[name];
  return used;
}

/** Apollo Server's answer types for a single result, in its order of preference; the third is left to Apollo. */
const JSON_TYPES = ["application/json; charset=utf-8", "application/graphql-response+json; charset=utf-8", "application/json; callbackSpec=1.0; charset=utf-8"];
/** Clients send a handful of distinct Accept headers: each is negotiated once, as Apollo negotiates it (with the same library). */
const negotiated = new Map<string, string | undefined>();

function contentTypeFor(accept: string | undefined): string | undefined {
  if (!accept) return JSON_TYPES[0];
  if (negotiated.has(accept)) return negotiated.get(accept);
  const preferred = new Negotiator({ headers: { accept } }).mediaType(JSON_TYPES);
  const type = preferred === JSON_TYPES[0] || preferred === JSON_TYPES[1] ? preferred : undefined;
  if (negotiated.size >= 100) negotiated.clear();
  negotiated.set(accept, type);
  return type;
}

/** `{"data":{…}}` and nothing else: no errors (Apollo Server writes them first), no extensions. */
function isPlainData(body: Buffer): boolean {
  if (!body.subarray(0, 9).equals(DATA_OBJECT)) return false;
  // A subgraph answer is Apollo Server's JSON: without the word "extensions" anywhere it has none,
  // and the parse is only paid when a value happens to hold that word.
  if (!body.includes(EXTENSIONS)) return true;
  try {
    return Object.keys(JSON.parse(body.toString("utf8")) as object).length === 1;
  } catch {
    return false;
  }
}

const DATA_OBJECT = Buffer.from('{"data":{');
const EXTENSIONS = Buffer.from('"extensions"');

/**
 * The client's Cache-Control as Apollo would write it: each subgraph answer's max-age and scope
 * restrict the answer's policy (Apollo Gateway's data source: the least max-age, private once
 * one is), and Apollo Server writes a cacheable policy as `max-age=N, public|private`, anything
 * else as `no-store`.
 */
function cacheControlOf(answers: SubgraphAnswer[]): string {
  let maxAge = Infinity;
  let scope = "public";
  for (const answer of answers) {
    const header = answer.headers.find(([name]) => name === "cache-control")?.[1] ?? "";
    maxAge = Math.min(maxAge, Number(/(?:^|,)\s*max-age=(\d+)\s*(?:,|$)/.exec(header)?.[1] ?? 0));
    if (/(?:^|,)\s*private\s*(?:,|$)/.test(header)) scope = "private";
  }
  return maxAge > 0 && maxAge !== Infinity ? `max-age=${maxAge}, ${scope}` : "no-store";
}
