// Subscriptions through the gateway: a graphql-ws server on the gateway's HTTP server at
// /graphql. The connection is authenticated once (connection_init `{ authorization }`, close
// 4403 on failure with the reason "token missing", "token invalid" or "token expired", and 4403
// "token expired" again when the token expires so the client renews it and reconnects); each subscription is validated against the API schema, planned with the gateway's own
// planner, opened on the primary subgraph through ONE multiplexed socket per subgraph, and each
// event is completed across subgraphs by the gateway's own plan executor. A "sign-in ended"
// signal (logout, removal, new password, revoked client) closes that caller's connections with
// 4403 at once: the gateway has no database, so it trusts the signal's ids; a client that
// reconnects brings a fresh token, which the subgraphs then check against the database.
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { ServiceMap } from "@apollo/gateway";
import {
  callerFromHeaders,
  EventQueue,
  graphqlRuntime,
  IDENTITY_KEYS,
  onSignInEnded,
  permissionScope,
  signInEndedFor,
  tokenRefusal,
  toWsErrors,
  type Caller,
  type Identity,
  type Logger,
  type PubSub,
  type TokenRefusal,
  type TokenVerifier,
} from "@ppt/server-kit/edge";
import type { ExecutionArgs, ExecutionResult, GraphQLError as GraphQLErrorType, GraphQLFormattedError, ValidationRule } from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import type { GatewayContext } from "../app.ts";
import type { SubscriptionAdmission } from "../rate-limit/index.ts";
import { formatGatewayError } from "../subgraph-errors.ts";
import { groupKey, SubscriptionGroups } from "./groups.ts";
import type { SubscriptionPlanner, SupergraphState } from "./planner.ts";
import type { UpstreamConnections } from "./upstream.ts";

export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;

// The gateway's schema (Apollo) and graphql-ws use graphql's CommonJS build: so do we here.
const { getOperationAST, GraphQLError, OperationTypeNode, parse, specifiedRules, validate } = graphqlRuntime;
type GraphQLError = GraphQLErrorType;

interface ConnectionState {
  caller?: Caller;
  identity?: Identity;
  /** The caller's permission scope (groups.ts), computed once per connection. */
  scope: string;
  expiry?: NodeJS.Timeout;
  active: number;
}

interface OperationContext {
  gateway: GatewayContext;
  identity: Identity;
  query: string;
  scope: string;
  /** Where its events are written: the client's socket and the operation's id there. */
  socket: WebSocket;
  id: string;
  /** Gives back the connection's slot this operation took on receipt (once, however it ends). */
  release: () => void;
}

export interface GatewaySubscriptionsOptions {
  httpServer: Server;
  planner: SubscriptionPlanner;
  upstream: UpstreamConnections;
  services: ServiceMap;
  verifier: TokenVerifier;
  logger: Logger;
  /** Extra validation rules (the gateway's query limits). */
  validationRules?: readonly ValidationRule[];
  /** Where "sign-in ended" signals arrive (Redis, shared with the subgraphs). */
  pubsub?: PubSub;
  /** Connection and subscription rate limits (a refusal closes the socket with 4429). */
  admission?: SubscriptionAdmission;
}

export interface GatewaySubscriptions {
  /** Client sockets open on this gateway. */
  clientCount(): number;
  /** Subscriptions being served. */
  activeCount(): number;
  /** Groups of identical subscriptions (groups.ts) among them. */
  groupCount(): number;
  dispose(): Promise<void>;
}

function identityOf(params: Record<string, unknown> | undefined): Identity {
  const identity: Identity = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    const name = key.toLowerCase() as (typeof IDENTITY_KEYS)[number];
    if (IDENTITY_KEYS.includes(name) && typeof value === "string") identity[name] = value;
  }
  return identity;
}

const payerClaims = (caller: Caller) => ({ sub: caller.userId, client_id: caller.clientId });

/** Documents parsed and validated once per text (per schema): a thousand subscribers of one dashboard send the same one. */
const DOCUMENT_CACHE_SIZE = 1_000;
type Checked = { document: import("graphql").DocumentNode; errors?: undefined } | { document?: undefined; errors: readonly GraphQLError[] };

function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const formatted = error as Partial<GraphQLFormattedError> & { code?: number; reason?: string };
  if (typeof formatted?.message === "string") return new GraphQLError(formatted.message, { path: formatted.path, extensions: formatted.extensions ?? {} });
  return new GraphQLError("The subscription's service is unavailable", { extensions: { code: "SERVICE_UNAVAILABLE" } });
}

export function attachGatewaySubscriptions(options: GatewaySubscriptionsOptions): GatewaySubscriptions {
  const { planner, upstream, services, verifier, logger } = options;
  const wss = new WebSocketServer({ server: options.httpServer, path: "/graphql" });
  const operations = new WeakMap<object, OperationContext>();
  const groups = new SubscriptionGroups(upstream, logger);
  const checked = new WeakMap<object, Map<string, Checked>>();
  const generations = new WeakMap<SupergraphState, number>();
  let generation = 0;
  // Member ids name a subscriber upstream (in its group): unique per gateway process.
  const memberPrefix = randomUUID().slice(0, 8);
  let members = 0;
  const check = (query: string): Checked => {
    const { apiSchema } = planner.current;
    let cache = checked.get(apiSchema);
    if (!cache) checked.set(apiSchema, (cache = new Map<string, Checked>()));
    const known = cache.get(query);
    if (known) return known;
    let result: Checked;
    try {
      const document = parse(query);
      const errors = validate(apiSchema, document, options.validationRules ? [...specifiedRules, ...options.validationRules] : undefined);
      result = errors.length ? { errors: toWsErrors(errors) } : { document };
    } catch (error) {
      result = { errors: [error as GraphQLError] };
    }
    if (cache.size >= DOCUMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(query, result);
    return result;
  };
  let active = 0;
  const connections = new Map<WebSocket, Caller>();
  const endedSignal = options.pubsub
    ? onSignInEnded(options.pubsub, (ended) => {
        for (const [socket, caller] of connections) {
          if (signInEndedFor(ended, caller)) socket.close(CloseCode.Forbidden, "sign-in ended" satisfies TokenRefusal);
        }
      })
    : null;

  const server = useServer<Record<string, unknown>, { socket: WebSocket; state?: ConnectionState }>(
    {
      async onConnect(ctx) {
        const { admission } = options;
        const crowded = await admission?.connectFrom(ctx.extra.request);
        if (crowded) {
          ctx.extra.socket.close(crowded.code, crowded.reason);
          return false;
        }
        const identity = identityOf(ctx.connectionParams);
        let caller: Caller | null = null;
        try {
          caller = await callerFromHeaders(identity, verifier);
        } catch {
          // refused below, with the reason
        }
        if (!caller) {
          // Closed here with the reason; graphql-ws's own close (plain "Forbidden") then finds the socket closing.
          ctx.extra.socket.close(CloseCode.Forbidden, tokenRefusal(identity.authorization));
          return false;
        }
        const callerCrowded = await admission?.connectAs(payerClaims(caller));
        if (callerCrowded) {
          ctx.extra.socket.close(callerCrowded.code, callerCrowded.reason);
          return false;
        }
        const state: ConnectionState = { caller, identity, scope: permissionScope(caller, identity), active: 0 };
        // An expired token ends the connection; the client renews it and reconnects (4403 "token expired").
        const msLeft = Math.min(caller.expiresAt * 1000 - Date.now(), 2 ** 31 - 1);
        state.expiry = setTimeout(() => ctx.extra.socket.close(CloseCode.Forbidden, "token expired" satisfies TokenRefusal), Math.max(0, msLeft));
        ctx.extra.state = state;
        connections.set(ctx.extra.socket, caller);
        return true;
      },
      onClose(ctx) {
        connections.delete(ctx.extra.socket);
        if (ctx.extra.state?.expiry) clearTimeout(ctx.extra.state.expiry);
      },
      async onSubscribe(ctx, id, payload) {
        // The slot is taken synchronously on receipt, before anything is awaited: counting only
        // once a subscription is set up let 500 messages sent at once all pass a check of 50.
        const state = ctx.extra.state!;
        // Awaited before the slot below is taken: the slot's check and increment stay together.
        const tooMany = await options.admission?.subscribe(payerClaims(state.caller!));
        if (tooMany) {
          ctx.extra.socket.close(tooMany.code, tooMany.reason);
          return [new GraphQLError("Too many subscriptions started", { extensions: { code: "RATE_LIMITED", reason: "TOO_MANY_REQUESTS" } })];
        }
        if (state.active >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [
            new GraphQLError(`At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection: complete one before starting another`, {
              extensions: { code: "RATE_LIMITED", reason: "TOO_MANY_SUBSCRIPTIONS", limit: MAX_SUBSCRIPTIONS_PER_CONNECTION, remaining: 0 },
            }),
          ];
        }
        state.active++;
        active++;
        let held = true;
        const release = () => {
          if (!held) return;
          held = false;
          state.active--;
          active--;
        };
        const refuse = (errors: readonly GraphQLError[]) => {
          release();
          return errors;
        };
        const { apiSchema } = planner.current;
        const { document, errors } = check(payload.query);
        if (errors) return refuse(errors);
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) {
          return refuse([
            new GraphQLError("Only subscriptions are served over WebSocket; send queries and mutations over HTTP", { extensions: { code: "BAD_REQUEST" } }),
          ]);
        }
        const requestId = randomUUID();
        const identity: Identity = { ...state.identity, "x-request-id": requestId };
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(identity)) if (value) headers[key] = value;
        const contextValue: OperationContext = {
          gateway: { headers, requestId },
          identity,
          query: payload.query,
          scope: state.scope,
          socket: ctx.extra.socket,
          id,
          release,
        };
        operations.set(contextValue, contextValue);
        return { schema: apiSchema, document, operationName: payload.operationName ?? null, variableValues: payload.variables ?? {}, contextValue };
      },
      subscribe: async (args) => {
        const operation = operations.get(args.contextValue as object);
        if (!operation) return { errors: [new GraphQLError("Unknown operation")] };
        try {
          return await subscribeThroughGateway(args, operation);
        } catch (error) {
          operation.release();
          throw error;
        }
      },
      onOperation(_ctx, _id, _payload, args, result) {
        // Held while streaming; given back when it ends however it ends (completed by either
        // side, failed, or its socket closed: graphql-ws then returns every open stream).
        const release = operations.get(args.contextValue as object)?.release;
        if (!release) return;
        if (result instanceof EventQueue) result.onClose(release);
        else release();
      },
      onNext(_ctx, _id, _payload, _args, result) {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map((error) => formatGatewayError(error.toJSON())) };
      },
      onError(_ctx, _id, _payload, errors) {
        return errors.map((error) => formatGatewayError(error.toJSON()));
      },
    },
    wss,
  );

  async function subscribeThroughGateway(args: ExecutionArgs, operation: OperationContext): Promise<EventQueue<ExecutionResult> | ExecutionResult> {
    const operationName = args.operationName ?? undefined;
    let plan;
    try {
      plan = planner.plan(`${operationName ?? ""}\n${operation.query}`, args.document, operationName);
    } catch (error) {
      return { errors: [new GraphQLError((error as Error).message, { extensions: { code: "BAD_REQUEST" } })] };
    }
    const state = planner.current;
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    const primaryVariables: Record<string, unknown> = {};
    for (const name of plan.primary.variableUsages ?? []) if (name in variables) primaryVariables[name] = variables[name];
    if (!generations.has(state)) generations.set(state, ++generation);
    const key = `${generations.get(state)}\n${groupKey(operation.scope, operationName, operation.query, variables)}`;
    const results = new EventQueue<ExecutionResult>();
    // Events are written straight to the client's socket, already serialized (once per group);
    // graphql-ws only carries the operation's end.
    const { socket, id } = operation;
    const head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
    const identity: Record<string, string> = {};
    for (const [name, value] of Object.entries(operation.identity)) if (value) identity[name] = value;
    const leave = groups.join(
      key,
      () => ({ plan, state, document: args.document, operationName, query: operation.query, variables, primaryVariables, services }),
      {
        id: `${memberPrefix}:${++members}`,
        identity,
        gateway: operation.gateway,
        deliver: (payload) => {
          if (!results.closed && socket.readyState === socket.OPEN) socket.send(`${head}${payload}}`);
        },
        end: (errors) => {
          if (errors?.length) results.push({ errors: errors.map(asGraphQLError) });
          results.end();
        },
      },
    );
    results.onClose(leave);
    return results;
  }

  return {
    clientCount: () => wss.clients.size,
    activeCount: () => active,
    groupCount: () => groups.size(),
    dispose: async () => {
      await (
        await endedSignal
      )?.();
      await server.dispose();
      await upstream.dispose();
    },
  };
}
