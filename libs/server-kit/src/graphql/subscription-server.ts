// GraphQL subscriptions of a subgraph over graphql-ws, on the subgraph's own HTTP server at
// /graphql. Identity is per OPERATION: the gateway multiplexes many callers' subscriptions on
// one socket and sends each caller's token in the operation's `extensions.authorization`
// (re-verified here: zero trust); a direct client may instead put it in connection_init.
// Each event is resolved in a fresh context (its own short read transaction and DataLoaders),
// and an operation whose token expires ends with an UNAUTHENTICATED error. A sign-in that ends
// (logout, removal, new password, revoked client) ends its operations too: every event is
// delivered only after the caller's sign-in is re-checked (one query for all the callers an
// event reaches), and a "sign-in ended" signal on pub/sub ends the named caller's operations at
// once, without waiting for an event.
import type { IncomingMessage, Server } from "node:http";
import type { ExecutionArgs, ExecutionResult, GraphQLFormattedError, GraphQLSchema, ValidationRule } from "graphql";
import { CloseCode, type SubscribePayload } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import DataLoader from "dataloader";
import pLimit, { type LimitFunction } from "p-limit";
import type { Caller } from "../auth/caller.ts";
import { onSignInEnded, signInEndedFor } from "../auth/sign-in-ended.ts";
import type { PubSub } from "../events/pubsub.ts";
import { AppError, ErrorCode, toAppError } from "../errors.ts";
import { EventQueue } from "../events/event-queue.ts";
import type { Logger } from "../logger.ts";
import { groupAdmissionOf, groupLeavingOf, groupOpeningOf, type GroupAdmission, type GroupJoin, type ServedGroup } from "./subscription-groups.ts";

import { graphqlRuntime } from "./realm.ts";

// The schema (@apollo/subgraph) and graphql-ws use graphql's CommonJS build: so do we here.
const { createSourceEventStream, execute, getOperationAST, GraphQLError, Kind, parse, specifiedRules, validate } = graphqlRuntime;
type GraphQLError = import("graphql").GraphQLError;

/** graphql-ws accepts errors from `onSubscribe` only as GraphQLErrors of its own (CommonJS) build. */
export function toWsErrors(errors: readonly { message: string; extensions?: Record<string, unknown> | undefined }[]): GraphQLError[] {
  return errors.map((error) => (error instanceof GraphQLError ? error : new GraphQLError(error.message, { extensions: error.extensions ?? {} })));
}

/** Headers a subscription's identity is made of (same names as over HTTP). */
export const IDENTITY_KEYS = ["authorization", "x-tenant-id", "x-request-id", "accept-language"] as const;
export type Identity = Partial<Record<(typeof IDENTITY_KEYS)[number], string>>;

export interface SubscriptionHooks<C extends { dispose(): Promise<void> }> {
  /** Verifies the identity's token (and session); throws AppError to refuse. Null: anonymous. */
  authenticate(identity: Identity): Promise<Caller | null>;
  /** A context for one subscribe or one event: cheap, synchronous, disposed after use. */
  context(caller: Caller | null, identity: Identity): C;
  /** Refuses the websocket handshake unless this holds (the gateway's shared secret). */
  admit?: (req: IncomingMessage) => boolean;
  /** Validation rules besides the specification's (query limits). */
  validationRules?: readonly ValidationRule[];
  /** For each caller, whether its sign-in still stands (one query for all): checked before every event. */
  standing?: (callers: readonly Caller[]) => Promise<boolean[]>;
  /** Where "sign-in ended" signals arrive (sign-in-ended.ts): the named callers' operations end at once. */
  pubsub?: PubSub;
  /**
   * Subscription fields whose feed hands the SAME event object to every subscriber it admitted
   * (a live tally): only these are served as one operation per gateway group
   * (subscription-groups.ts). Others stay one operation per subscriber: what each sees may differ.
   */
  sharedFeeds?: readonly string[];
}

/** The root field a subscription document subscribes to. */
function rootFieldOf(document: import("graphql").DocumentNode, operationName: string | null | undefined): string | null {
  const selection = getOperationAST(document, operationName ?? undefined)?.selectionSet.selections[0];
  return selection?.kind === Kind.FIELD ? selection.name.value : null;
}

/** An operation being served to a signed-in caller. */
interface LiveOperation {
  caller: Caller;
  /** Ends it with UNAUTHENTICATED: its sign-in no longer stands. */
  end(): void;
}

const signInEndedError = () => new GraphQLError("This sign-in is no longer valid; sign in again", { extensions: { code: "UNAUTHENTICATED" } });

interface OperationMeta {
  caller: Caller | null;
  identity: Identity;
  /** Operations with the same key may share an event's result (see subscriptionEventStats). */
  sharing: string;
  /** A gateway's group operation (subscription-groups.ts): its members are re-checked with it. */
  served?: OpeningGroup;
  /** Not a subscription but a batch of members to admit into a group, or members that left it. */
  admission?: GroupAdmission;
}

/** A group being opened: `settle` says whether its operation was set up (or removes it). */
interface OpeningGroup {
  id: string;
  group: ServedGroup;
  settle(ok: boolean): void;
}

type FormatError = (error: GraphQLError) => GraphQLFormattedError;

function pickIdentity(source: Record<string, unknown> | null | undefined): Identity {
  const identity: Identity = {};
  if (!source) return identity;
  for (const [key, value] of Object.entries(source)) {
    const name = key.toLowerCase() as (typeof IDENTITY_KEYS)[number];
    if (IDENTITY_KEYS.includes(name) && typeof value === "string") identity[name] = value;
  }
  return identity;
}

/**
 * The kit's error mapping for subscription results. Errors here come from graphql's CommonJS
 * build (see above), so they are unwrapped by shape, not by `instanceof`.
 */
function formatSubscriptionError(error: GraphQLError, logger: Logger): GraphQLFormattedError {
  const original = (error.originalError ?? error) as Error & { extensions?: Record<string, unknown> };
  const code = original instanceof AppError ? original.code : typeof error.extensions?.code === "string" ? error.extensions.code : null;
  if (code) {
    const details = original instanceof AppError ? original.details : {};
    return {
      message: original instanceof AppError ? original.message : error.message,
      locations: error.locations,
      path: error.path,
      extensions: { ...details, code },
    };
  }
  const appError = toAppError(original);
  if (appError.code === ErrorCode.Internal || appError.code === ErrorCode.Unavailable) logger.error({ err: original }, "internal error in subscription");
  return { message: appError.message, path: error.path, extensions: { code: appError.code } };
}

function codedError(error: unknown): GraphQLError {
  const appError = error instanceof AppError ? error : AppError.unauthenticated("Invalid credentials");
  return new GraphQLError(appError.message, { extensions: { code: appError.code } });
}

/**
 * Events a feed hands, as the SAME object, to many subscribers (a live tally read once for all of
 * them) are resolved once per identical operation and permission scope, not once per subscriber:
 * the feed has already admitted each subscriber to that event, so what differs between them is
 * only their sign-in (re-checked per subscriber before every event, one query for all) and their
 * scope. The shared result carries `extensions.sharedResult` so the gateway completes it once too.
 * A feed that builds an event per subscriber (what each may see differs) is never shared.
 */
export const subscriptionEventStats = { executions: 0, shared: 0 };
const processTag = Math.random().toString(36).slice(2, 10);
let sharedResults = 0;

/**
 * What a subscriber may see beyond its admission: its organization, audience, permissions and
 * language (the language shapes error messages). Two callers with the same scope who were both
 * admitted get the same answer for a result shared between them; the gateway groups by it too.
 */
export function permissionScope(caller: Caller | null, identity: Identity): string {
  if (!caller) return JSON.stringify([null, identity["accept-language"] ?? ""]);
  return JSON.stringify([
    caller.organizationId,
    caller.audience,
    caller.clientId ? "client" : "person",
    [...caller.permissions].sort(),
    identity["accept-language"] ?? "",
  ]);
}

/** Documents parsed and validated once per text: thousands of subscribers send the same one. */
const DOCUMENT_CACHE_SIZE = 1_000;
type Checked = { document: import("graphql").DocumentNode; errors?: undefined } | { document?: undefined; errors: readonly GraphQLError[] };

/** Subscriptions being set up at once per process: well under the pool's 10 connections, which HTTP requests share. */
export const SUBSCRIPTION_SETUP_CONCURRENCY = 4;

export interface SubscriptionServer {
  dispose(): Promise<void>;
  /** Open sockets (benchmarks compare it with the number of subscribers). */
  socketCount(): number;
  /** Gateway groups being served (one operation each, subscription-groups.ts). */
  groupCount(): number;
  /** Members of those groups (each re-checked before every event of its group). */
  groupMemberCount(): number;
}

export function attachSubscriptionServer<C extends { dispose(): Promise<void> }>(
  httpServer: Server,
  schema: GraphQLSchema,
  hooks: SubscriptionHooks<C>,
  logger: Logger,
): SubscriptionServer {
  const admit = hooks.admit;
  const wss = new WebSocketServer({
    server: httpServer,
    path: "/graphql",
    ...(admit ? { verifyClient: ({ req }: { req: IncomingMessage }) => admit(req) } : {}),
  });
  const meta = new WeakMap<object, OperationMeta>();
  const checked = new Map<string, Checked>();
  const check = (query: string): Checked => {
    const known = checked.get(query);
    if (known) return known;
    let result: Checked;
    try {
      const document = parse(query);
      const errors = validate(schema, document, hooks.validationRules ? [...specifiedRules, ...hooks.validationRules] : undefined);
      result = errors.length ? { errors: toWsErrors(errors) } : { document };
    } catch (error) {
      result = { errors: toWsErrors([error as GraphQLError]) };
    }
    if (checked.size >= DOCUMENT_CACHE_SIZE) checked.delete(checked.keys().next().value!);
    checked.set(query, result);
    return result;
  };
  // A reconnect storm (a gateway restart re-sends thousands of subscriptions at once) must queue
  // here, not in the connection pool, where transactions give up after their maxWait: both the
  // caller's session check and the subscribe resolver's setup take a turn.
  const setups = pLimit(SUBSCRIPTION_SETUP_CONCURRENCY);
  const format = (error: GraphQLError) => formatSubscriptionError(error, logger);
  // Every subscriber an event reaches asks at once: one batch, one query, however many they are.
  const standing = hooks.standing;
  const stands = standing
    ? new DataLoader<Caller, boolean>((callers) => standing(callers), { cache: false, batchScheduleFn: (run) => setImmediate(run) })
    : null;
  const live = new Set<LiveOperation>();
  const groups = new Map<string, ServedGroup>();
  const sharedFeeds = new Set(hooks.sharedFeeds ?? []);
  const openGroup = (id: string): OpeningGroup => {
    let settle!: (ok: boolean) => void;
    const ready = new Promise<boolean>((resolve) => (settle = resolve));
    const group: ServedGroup = { scope: "", sharing: "", members: new Map(), ready, announceEnded: () => undefined, join: () => undefined };
    groups.set(id, group);
    return {
      id,
      group,
      settle: (ok) => {
        if (!ok && groups.get(id) === group) groups.delete(id);
        settle(ok);
      },
    };
  };
  const liveOps: LiveOps = { stands, live, shared: new WeakMap(), groups };
  const endedSignal = hooks.pubsub
    ? onSignInEnded(hooks.pubsub, (ended) => {
        const named = [...live].filter((operation) => signInEndedFor(ended, operation.caller));
        void Promise.all(
          named.map(async (operation) => {
            // The signal names whom to re-check; the database decides (a new password's own new session stands).
            if (!stands || !(await stands.load(operation.caller))) operation.end();
          }),
        ).catch((error: unknown) => logger.error({ err: error }, "re-checking ended sign-ins failed"));
      })
    : null;

  const server = useServer<Record<string, unknown>, { connectionCaller?: Caller | null }>(
    {
      schema,
      async onConnect(ctx) {
        // A token in connection_init is checked at once; the gateway's sockets carry none.
        const identity = pickIdentity(ctx.connectionParams);
        if (!identity.authorization) return true;
        try {
          ctx.extra.connectionCaller = await hooks.authenticate(identity);
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      async onSubscribe(ctx, _id, payload: SubscribePayload) {
        const leaving = groupLeavingOf(payload.extensions);
        if (leaving) {
          const group = groups.get(leaving.group);
          for (const id of leaving.members) {
            const member = group?.members.get(id);
            group?.members.delete(id);
            if (member) live.delete(member as LiveOperation);
          }
          return toWsErrors([{ message: "left", extensions: { code: "LEFT" } }]);
        }
        const admission = groupAdmissionOf(payload.extensions);
        if (admission) {
          // Each member is authenticated and authorized in admitMembers, one by one (batched).
          const { document, errors } = check(payload.query);
          if (errors) return errors;
          if (!sharedFeeds.has(rootFieldOf(document, payload.operationName) ?? "")) {
            return toWsErrors([{ message: "This feed is served per subscriber", extensions: { code: "NOT_GROUPABLE" } }]);
          }
          const contextValue = {};
          meta.set(contextValue, { caller: null, identity: {}, sharing: "", admission });
          return { schema, document, operationName: payload.operationName ?? null, variableValues: payload.variables ?? null, contextValue };
        }
        const identity = { ...pickIdentity(ctx.connectionParams), ...pickIdentity(payload.extensions) };
        // A group is known from the moment its operation arrives: the admission of its other
        // members, sent right behind it on the same socket, waits for it to be set up.
        const opening = groupOpeningOf(payload.extensions);
        const groupable =
          opening && sharedFeeds.has(rootFieldOf(check(payload.query).document ?? { kind: Kind.DOCUMENT, definitions: [] }, payload.operationName) ?? "");
        const served = opening && groupable ? openGroup(opening.id) : null;
        let caller: Caller | null;
        try {
          // Not through the setups' limiter: the service checks the sign-ins of everyone
          // subscribing at once in one query (service.ts), so 5,000 of them take one connection.
          caller = await hooks.authenticate(identity);
        } catch (error) {
          served?.settle(false);
          return toWsErrors([codedError(error)]);
        }
        const { document, errors } = check(payload.query);
        if (errors) {
          served?.settle(false);
          return errors;
        }
        const contextValue = hooks.context(caller, identity);
        const scope = permissionScope(caller, identity);
        const sharing = `${scope}\n${payload.operationName ?? ""}\n${JSON.stringify(payload.variables ?? null)}\n${payload.query}`;
        if (served) Object.assign(served.group, { scope, sharing });
        meta.set(contextValue, { caller, identity, sharing, ...(served ? { served } : {}) });
        return { schema, document, operationName: payload.operationName ?? null, variableValues: payload.variables ?? null, contextValue };
      },
      subscribe: (args) => {
        const admission = meta.get(args.contextValue as object)?.admission;
        return admission
          ? admitMembers(args, admission, hooks, setups, liveOps, format)
          : subscribeWithEventContexts(args, hooks, meta, setups, liveOps, format);
      },
      async execute(args) {
        try {
          return await execute(args);
        } finally {
          await (args.contextValue as C).dispose();
        }
      },
      onNext(_ctx, _id, _payload, _args, result) {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map(format) };
      },
      onError(_ctx, _id, _payload, errors) {
        return errors.map(format);
      },
    },
    wss,
  );
  return {
    dispose: async () => {
      await (
        await endedSignal
      )?.();
      await server.dispose();
    },
    socketCount: () => wss.clients.size,
    groupCount: () => groups.size,
    groupMemberCount: () => [...groups.values()].reduce((sum, group) => sum + group.members.size, 0),
  };
}

interface LiveOps {
  stands: DataLoader<Caller, boolean> | null;
  live: Set<LiveOperation>;
  /** Per event object (as its feed handed it out), the results resolved for it, by sharing key. */
  shared: WeakMap<object, Map<string, Promise<ExecutionResult>>>;
  /** Gateway groups served here, by the gateway's group id. */
  groups: Map<string, ServedGroup>;
}

/** An event resolved once per sharing key (see subscriptionEventStats), or per subscriber when it cannot be shared. */
function sharedResolution(
  shared: LiveOps["shared"],
  event: unknown,
  sharing: string | null,
  resolve: () => Promise<ExecutionResult>,
): Promise<ExecutionResult> {
  if (sharing === null || typeof event !== "object" || event === null) return resolve();
  let byKey = shared.get(event);
  if (!byKey) shared.set(event, (byKey = new Map<string, Promise<ExecutionResult>>()));
  let result = byKey.get(sharing);
  if (result) subscriptionEventStats.shared++;
  else {
    result = resolve().then((resolved) =>
      resolved.errors?.length ? resolved : { ...resolved, extensions: { ...resolved.extensions, sharedResult: `${processTag}:${++sharedResults}` } },
    );
    const kept = result;
    byKey.set(sharing, kept);
    // A failure is not shared: the next subscriber resolves the event itself.
    kept.catch(() => byKey.get(sharing) === kept && byKey.delete(sharing));
  }
  return result;
}

// Made outside admitMembers: a closure made there would keep its whole scope — the member's
// subscribe-time context, loaders and all — for as long as the member stays.
function groupMember(group: ServedGroup, id: string, caller: Caller | null): GroupJoin["member"] {
  return caller ? { caller, end: () => group.announceEnded([id]) } : { caller: null, end: () => undefined };
}

function eventResolver<C extends { dispose(): Promise<void> }>(
  args: ExecutionArgs,
  hooks: SubscriptionHooks<C>,
  caller: Caller | null,
  identity: Identity,
): GroupJoin["resolve"] {
  return async (event) => {
    subscriptionEventStats.executions++;
    const context = hooks.context(caller, identity);
    try {
      return await execute({ ...args, rootValue: event, contextValue: context });
    } finally {
      await context.dispose();
    }
  };
}

/** One turn of the event loop: what a feed has at once (the current state) is ready by then. */
const nextTick = () => new Promise<null>((resolve) => setImmediate(() => resolve(null)));

/**
 * Admits members into a gateway's group (subscription-groups.ts): each is checked as if it
 * subscribed alone — its token and sign-in (the sign-ins of a batch in one query), the group's
 * permission scope, and the field's own subscribe resolver. Its stream then joins the group's
 * operation in order (see `join` there) and is closed. Answers the refusals, for the whole batch at once.
 */
async function admitMembers<C extends { dispose(): Promise<void> }>(
  args: ExecutionArgs,
  admission: GroupAdmission,
  hooks: SubscriptionHooks<C>,
  setups: LimitFunction,
  { live, groups }: LiveOps,
  format: FormatError,
): Promise<ExecutionResult> {
  const refused: Record<string, GraphQLFormattedError[]> = {};
  const refuse = (id: string, error: unknown) => {
    refused[id] = [format(error instanceof GraphQLError ? error : codedError(error))];
  };
  const joins: GroupJoin[] = [];
  let joining: ServedGroup | undefined;
  await Promise.all(
    admission.members.map(async ({ id, identity: claimed }) => {
      const identity = pickIdentity(claimed);
      let caller: Caller | null;
      try {
        caller = await hooks.authenticate(identity);
      } catch (error) {
        return refuse(id, error);
      }
      const group = groups.get(admission.group);
      // Scopes never mix: a member whose scope differs is never let into the group.
      if (!group || !(await group.ready) || permissionScope(caller, identity) !== group.scope) {
        return refuse(id, new GraphQLError("This subscription's group is gone; subscribe again", { extensions: { code: "GROUP_GONE" } }));
      }
      const context = hooks.context(caller, identity);
      let source: AsyncIterable<unknown> | ExecutionResult;
      try {
        source = await setups(async () => createSourceEventStream({ ...args, contextValue: context }));
      } catch (error) {
        return refuse(id, error);
      } finally {
        await context.dispose();
      }
      if (!(Symbol.asyncIterator in Object(source))) {
        refused[id] = ((source as ExecutionResult).errors ?? []).map(format);
        return;
      }
      const events = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      const member = groupMember(group, id, caller);
      joins.push({ id, member, events, resolve: eventResolver(args, hooks, caller, identity) });
      joining = group;
      if (caller) live.add(member as LiveOperation);
    }),
  );
  // The whole batch joins the group's operation in one turn, between two of its events.
  if (joining && joins.length) joining.join(joins);
  return { data: null, extensions: { refused } };
}

/**
 * graphql-js resolves every event of a subscription with the context it subscribed with; here
 * each event gets its own (own read transaction, fresh loaders), and the operation ends when its
 * token expires.
 */
async function subscribeWithEventContexts<C extends { dispose(): Promise<void> }>(
  args: ExecutionArgs,
  hooks: SubscriptionHooks<C>,
  meta: WeakMap<object, OperationMeta>,
  setups: LimitFunction,
  { stands, live, shared }: LiveOps,
  format: FormatError,
): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  const base = args.contextValue as C;
  const { caller, identity, sharing, served: opening } = meta.get(base) ?? { caller: null, identity: {}, sharing: null };
  let source: AsyncIterable<unknown> | ExecutionResult;
  try {
    source = await setups(async (): Promise<AsyncIterable<unknown> | ExecutionResult> => {
      try {
        return await createSourceEventStream(args);
      } finally {
        // The subscribe resolver's authorization and setup are done: release its transaction.
        await base.dispose();
      }
    });
  } catch (error) {
    opening?.settle(false);
    throw error;
  }
  if (!(Symbol.asyncIterator in Object(source))) {
    opening?.settle(false);
    return source as ExecutionResult;
  }
  const events = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();

  const results = new EventQueue<ExecutionResult>(async () => {
    clearTimeout(expiry);
    if (operation) live.delete(operation);
    if (served) {
      opening!.settle(false);
      for (const member of served.members.values()) live.delete(member as LiveOperation);
    }
    await events.return?.();
  });
  // A gateway's group: its members (admitted later, admitMembers) are re-checked with each event.
  const served = opening?.group ?? null;
  // A group's events and its members' joins take turns, so a member never gets an older state after a newer.
  let sequence: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const turn = sequence.then(run);
    sequence = turn.catch(() => undefined);
    return turn;
  };
  if (served) {
    served.join = (joins) =>
      void inTurn(async () => {
        // What each member's own stream had by now (the current state, and any change since it
        // subscribed): its first events, resolved once for the group. Members with the same first
        // events share one entry.
        const byInitial = new Map<string, { members: string[]; initial: ExecutionResult[] }>();
        for (const { id, member, events, resolve } of joins) {
          try {
            const initial: ExecutionResult[] = [];
            for (;;) {
              const next = await Promise.race([events.next(), nextTick()]);
              if (!next || next.done) break;
              const result = await sharedResolution(shared, next.value, served.sharing, async () => resolve(next.value));
              initial.push(result.errors?.length ? ({ ...result, errors: result.errors.map((e) => format(e)) } as unknown as ExecutionResult) : result);
            }
            // The group ended meanwhile: its members' streams are closed all the same (finally).
            if (results.closed) continue;
            served.members.set(id, member);
            const key = initial.map((result) => (result.extensions?.["sharedResult"] as string | undefined) ?? JSON.stringify(result)).join("\n");
            let entry = byInitial.get(key);
            if (!entry) byInitial.set(key, (entry = { members: [], initial }));
            entry.members.push(id);
          } finally {
            await events.return?.();
          }
        }
        if (byInitial.size) results.push({ extensions: { joined: [...byInitial.values()] } });
      }).catch((error: unknown) => results.fail(error));
    served.announceEnded = (ended) => {
      for (const id of ended) {
        const member = served.members.get(id);
        served.members.delete(id);
        if (member) live.delete(member as LiveOperation);
      }
      if (ended.length) results.push({ extensions: { endedMembers: ended } });
    };
    opening!.settle(true);
  }
  const signInEnded = () => {
    results.push({ errors: [signInEndedError()] });
    results.end();
  };
  const operation: LiveOperation | null = caller ? { caller, end: signInEnded } : null;
  if (operation) live.add(operation);
  const expired = () => {
    results.push({ errors: [new GraphQLError("Your session has expired; subscribe again", { extensions: { code: "UNAUTHENTICATED" } })] });
    results.end();
  };
  const msLeft = caller ? caller.expiresAt * 1000 - Date.now() : Infinity;
  // setTimeout cannot wait longer than ~24.8 days; tokens live minutes.
  const expiry = setTimeout(expired, Math.max(0, Math.min(msLeft, 2 ** 31 - 1)));
  if (!Number.isFinite(msLeft)) clearTimeout(expiry);

  void (async () => {
    try {
      for (;;) {
        const next = await events.next();
        if (next.done || results.closed) break;
        const stop = await inTurn(async () => {
          // The members' sign-ins are re-checked in the same batch as the opener's (one query).
          const members = served && stands ? [...served.members].filter(([, member]) => member.caller) : [];
          const [opener, ...standing] = await Promise.all([
            caller && stands ? stands.load(caller) : true,
            ...members.map(async ([, member]) => stands!.load(member.caller!)),
          ]);
          if (!opener) {
            signInEnded();
            return true;
          }
          const ended = members.flatMap(([id], i) => (standing[i] ? [] : [id]));
          for (const id of ended) {
            const member = served!.members.get(id);
            served!.members.delete(id);
            if (member) live.delete(member as LiveOperation);
          }
          if (results.closed) return true;
          const resolve = async (): Promise<ExecutionResult> => {
            subscriptionEventStats.executions++;
            const context = hooks.context(caller, identity);
            try {
              return await execute({ ...args, rootValue: next.value, contextValue: context });
            } finally {
              await context.dispose();
            }
          };
          const result = await sharedResolution(shared, next.value, sharing, resolve);
          results.push(ended.length ? { ...result, extensions: { ...result.extensions, endedMembers: ended } } : result);
          return false;
        });
        if (stop) break;
      }
      results.end();
    } catch (error) {
      // An error in the event source ends this operation only, never the shared socket.
      results.push({
        errors: [
          error instanceof GraphQLError ? error : new GraphQLError((error as Error).message ?? "Subscription failed", { originalError: error as Error }),
        ],
      });
      results.end();
    }
  })();
  return results;
}

export { CloseCode };
