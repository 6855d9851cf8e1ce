// The direct lane: a query whose route is known (routes.ts) is checked as Apollo would check it
// (the caller's token, the variables against the operation's definitions, the rate limit by the
// same cost) and sent to its subgraph as Apollo Gateway would send it (the same subgraph
// operation, headers, deadline, circuit breaker and in-flight deduplication); an answer that is
// data without errors goes back to the client as the subgraph wrote it. Anything else — an
// unknown query, a refused token or charge, bad variables, a subgraph error or failure — is left
// to Apollo, which answers it in full (the lane has written nothing; a charge it made is not made
// twice, and an answer it got is not asked for again). Profiling put about half of the gateway's CPU per single-subgraph lookup in
// Apollo's request pipeline and the plan's execution and result shaping, none of which such a
// query needs.
import type { IncomingMessage, ServerResponse } from "node:http";
import Negotiator from "negotiator";
import { graphqlRuntime, nameRequestOperation } from "@ppt/server-kit/edge";
import type { DirectRoute, DirectRoutes } from "./routes.ts";
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
  handedAnswer?: HandedAnswer;
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
    const url = deps.subgraphUrls[route.serviceName];
    const send = deps.senders[route.serviceName];
    if (!url || !send || !variables || typeof variables !== "object" || Array.isArray(variables) || !deps.eligible(req, fromManifest !== undefined))
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

    // Apollo Gateway's subgraph request: the used variables that were given, the plan's operation.
    const forwarded: Record<string, unknown> = {};
    for (const name of route.variableNames) if (given[name] !== undefined) forwarded[name] = given[name];
    const init = {
      method: "POST",
      headers: deps.subgraphHeaders(context),
      body: JSON.stringify({ query: route.query, variables: forwarded, operationName: route.operationName }),
    };
    // An answer the lane cannot forward (errors, a refusal) or a failure is handed to Apollo's data
    // source for the same fetch: Apollo answers from it, without asking the subgraph again.
    const sent = send(url, init, deps.timeoutMs(route.query), true);
    const handOver = () => {
      context.handedAnswer = { serviceName: route.serviceName, query: route.query, outcome: sent };
      return false;
    };
    let answer;
    try {
      answer = await sent;
    } catch {
      return handOver();
    }
    if (answer.status !== 200 || !isPlainData(answer.body)) return handOver();

    res.statusCode = 200;
    res.setHeader("content-type", contentType);
    res.setHeader("cache-control", cacheControlOf(answer.headers));
    for (const [name, value] of Object.entries(rateLimitHeaders)) res.setHeader(name, value);
    res.setHeader("x-request-id", context.requestId);
    nameRequestOperation(req, route.operation.name?.value);
    this.forwarded++;
    deps.answered(Number(process.hrtime.bigint() - started) / 1e9);
    res.end(answer.body);
    return true;
  };
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
 * The client's Cache-Control as Apollo would write it: the subgraph's max-age and scope restrict
 * the answer's policy (Apollo Gateway's data source), and Apollo Server writes a cacheable
 * policy as `max-age=N, public|private`, anything else as `no-store`.
 */
function cacheControlOf(headers: [string, string][]): string {
  const header = headers.find(([name]) => name === "cache-control")?.[1] ?? "";
  const maxAge = Number(/(?:^|,)\s*max-age=(\d+)\s*(?:,|$)/.exec(header)?.[1] ?? 0);
  if (!(maxAge > 0)) return "no-store";
  return `max-age=${maxAge}, ${/(?:^|,)\s*private\s*(?:,|$)/.test(header) ? "private" : "public"}`;
}
