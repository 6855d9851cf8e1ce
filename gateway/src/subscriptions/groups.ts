// Identical subscriptions share ONE upstream subscription. Subscribers of the same document,
// operation name, variables and permission scope form a group; the group opens one operation on
// the subgraph with its first member's identity, and admits the others into it in batches (one
// upstream message for all who joined meanwhile: the subgraph checks each of them as if it
// subscribed alone, see the kit's subscription-groups.ts). Each event is resolved once by the
// subgraph, completed across subgraphs and serialized once here, and the same bytes are written
// to every member's socket. Before every event the subgraph re-checks every member's sign-in (one
// query) and names those that fell: they are ended, the rest of the group continues. When the
// member whose identity opened the group is refused or falls, the group reopens with another
// member's; when the last member leaves, the upstream operation ends.
import { randomUUID } from "node:crypto";
import type { ServiceMap } from "@apollo/gateway";
import type { Logger } from "@ppt/server-kit/edge";
import type { DocumentNode, ExecutionResult, GraphQLFormattedError } from "graphql";
import type { GatewayContext } from "../app.ts";
import { formatGatewayError } from "../subgraph-errors.ts";
import { executeSubscriptionEvent, operationContextOf, type EventExecution } from "./executor.ts";
import type { SubscriptionPlan, SupergraphState } from "./planner.ts";
import type { UpstreamConnections } from "./upstream.ts";

/** How many of a group's latest shared results are kept (an admission's first events arrive within moments of each other). */
const RECENT_RESULTS = 8;
/** Members admitted per upstream message. */
const ADMISSION_BATCH = 1_000;
/** Refusals that concern the member whose identity the operation carries, not the group. */
const PERSONAL_REFUSALS = new Set(["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"]);

const isPersonal = (errors: readonly GraphQLFormattedError[]) =>
  errors.length > 0 && errors.every((e) => PERSONAL_REFUSALS.has(String(e.extensions?.["code"])));

/** Counts for tests and benchmarks: events completed by the plan executor, upstream operations and admission messages. */
/** What a member gets for an event that could not be completed (the cause is logged, never sent). */
const INTERNAL_ERROR = JSON.stringify({ errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });

export const subscriptionGroupStats = { executions: 0, deliveries: 0, upstreamOpened: 0, admissions: 0 };

export function groupKey(scope: string, operationName: string | undefined, query: string, variables: Record<string, unknown>): string {
  return `${scope}\n${operationName ?? ""}\n${JSON.stringify(variables)}\n${query}`;
}

type Formatted = ExecutionResult & { errors?: readonly { toJSON?: () => GraphQLFormattedError }[] };

const formatted = (error: GraphQLFormattedError | { toJSON?: () => GraphQLFormattedError }) =>
  formatGatewayError("toJSON" in error && typeof error.toJSON === "function" ? error.toJSON() : (error as GraphQLFormattedError));

/** Upstream errors as received (the client's operation formats them once). */
const errorList = (error: unknown): GraphQLFormattedError[] => (Array.isArray(error) ? error : [error]) as GraphQLFormattedError[];

/** The result as clients get it: errors in the gateway's format; serialized once. */
function serialize(result: Formatted): string {
  if (!result.errors?.length) return JSON.stringify(result);
  return JSON.stringify({ ...result, errors: result.errors.map(formatted) });
}

export interface GroupExecution {
  plan: SubscriptionPlan;
  state: SupergraphState;
  document: DocumentNode;
  operationName: string | undefined;
  query: string;
  variables: Record<string, unknown>;
  /** The variables of the primary (subgraph) operation. */
  primaryVariables: Record<string, unknown>;
  services: ServiceMap;
}

/** One subscriber of a group, as its socket's operation. */
export interface GroupMember {
  readonly id: string;
  /** Its identity (authorization, tenant, language, request id), sent upstream when it is admitted. */
  readonly identity: Record<string, string>;
  readonly gateway: GatewayContext;
  /** Writes one serialized result. */
  deliver(payload: string): void;
  /** Ends it: with these errors (formatted), or completed. */
  end(errors?: readonly GraphQLFormattedError[]): void;
}

interface MemberState {
  member: GroupMember;
  /** Shared results it already has (its first events): the group's same event is not written twice. */
  had?: Set<string>;
  /** Its own upstream operation, when the feed is served per subscriber (see `solo`). */
  closeSolo?: () => void;
}

/** Members that joined the group's operation, with the first events they get (`extensions.joined`). */
interface Joined {
  members: string[];
  initial: ExecutionResult[];
}

export class SubscriptionGroup {
  private readonly recent = new Map<string, Promise<string>>();
  private readonly execution: Omit<EventExecution, "context">;
  private readonly members = new Map<string, MemberState>();
  /** Members the current upstream operation serves (its opener and those admitted into it). */
  private admitted = new Set<string>();
  private pending: MemberState[] = [];
  private leaving: string[] = [];
  private upstreamId = "";
  private openerId: string | null = null;
  private closeUpstream: (() => void) | null = null;
  private flushScheduled = false;
  /** Whether an admission is on its way upstream: those who join meanwhile wait and go together in the next one. */
  private admitting = false;
  /**
   * The subgraph serves this feed per subscriber (what each sees may differ): every member then
   * has its own upstream operation, and only results the subgraph shared are completed once.
   */
  private solo = false;
  /** Events are handled one at a time, in the order the subgraph sent them. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly key: string,
    private readonly base: GroupExecution,
    private readonly upstream: UpstreamConnections,
    private readonly logger: Logger,
    private readonly onEmpty: () => void,
  ) {
    // Built once per group (not per subscriber): the operation's context for the plan executor.
    this.execution = { ...base, operationContext: operationContextOf(base.state, base.document, base.operationName) };
  }

  get size(): number {
    return this.members.size;
  }

  /** Adds a subscriber; returns how it leaves. */
  join(member: GroupMember): () => void {
    const state: MemberState = { member };
    this.members.set(member.id, state);
    if (this.solo) this.openSolo(state);
    else if (!this.closeUpstream) this.open();
    else this.queueAdmission(state);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.leave(member.id);
    };
  }

  private leave(id: string): void {
    this.members.get(id)?.closeSolo?.();
    this.members.delete(id);
    this.pending = this.pending.filter((state) => state.member.id !== id);
    if (this.members.size === 0) {
      // The last one: the upstream operation ends, and with it the subgraph's group.
      this.closeUpstream?.();
      this.closeUpstream = null;
      this.onEmpty();
      return;
    }
    // The opener stays in the subgraph's group as its identity: it is re-checked there, and if
    // it falls the group reopens. Others are forgotten upstream, in a batch.
    if (this.admitted.delete(id) && id !== this.openerId) {
      this.leaving.push(id);
      this.scheduleFlush();
    }
  }

  /** Opens (or reopens) the upstream operation with one member's identity; the others are admitted into it. */
  private open(): void {
    const [opener] = [...this.members.values()].sort((a, b) => Number(this.admitted.has(b.member.id)) - Number(this.admitted.has(a.member.id)));
    if (!opener) return;
    this.closeUpstream?.();
    this.upstreamId = randomUUID();
    this.openerId = opener.member.id;
    this.admitted = new Set([opener.member.id]);
    this.leaving = [];
    this.admitting = false;
    this.pending = [...this.members.values()].filter((state) => state !== opener);
    const upstreamId = this.upstreamId;
    const { plan } = this.base;
    subscriptionGroupStats.upstreamOpened++;
    const current = () => this.upstreamId === upstreamId;
    this.closeUpstream = this.upstream.subscribe(
      plan.primary.serviceName,
      {
        query: plan.primary.operation,
        operationName: plan.primary.operationName,
        variables: this.base.primaryVariables,
        extensions: { ...opener.member.identity, group: { id: upstreamId, member: opener.member.id } } as never,
      },
      {
        next: (event) => this.enqueue(async () => current() && this.onEvent(event as ExecutionResult)),
        error: (error) => this.enqueue(async () => current() && this.onUpstreamError(error)),
        complete: () =>
          this.enqueue(async () => {
            if (!current()) return;
            this.closeUpstream = null;
            for (const state of [...this.members.values()]) state.member.end();
          }),
      },
    );
    this.scheduleFlush();
  }

  private enqueue(run: () => Promise<unknown>): void {
    this.chain = this.chain.then(run).then(
      () => undefined,
      (error: unknown) => {
        this.logger.error({ err: error }, "subscription event failed");
        for (const id of this.admitted) this.members.get(id)?.member.deliver(INTERNAL_ERROR);
      },
    );
  }

  private queueAdmission(state: MemberState): void {
    this.pending.push(state);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // Everyone who joins in the same turn of the event loop is admitted in one message.
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (!this.closeUpstream) return;
    const { plan } = this.base;
    const request = (extensions: Record<string, unknown>) => ({
      query: plan.primary.operation,
      operationName: plan.primary.operationName,
      variables: this.base.primaryVariables,
      extensions: extensions as never,
    });
    if (this.leaving.length) {
      const members = this.leaving;
      this.leaving = [];
      // Answered by a refusal by design (nothing to stream): nothing to do with it.
      this.upstream.subscribe(plan.primary.serviceName, request({ leave: { group: this.upstreamId, members } }), {
        next: () => undefined,
        error: () => undefined,
        complete: () => undefined,
      });
    }
    // One admission at a time per group: under load, batches grow instead of messages multiplying.
    if (this.pending.length && !this.admitting) {
      const batch = this.pending.splice(0, ADMISSION_BATCH);
      const upstreamId = this.upstreamId;
      this.admitting = true;
      const answered = () => {
        if (this.upstreamId !== upstreamId || !this.admitting) return;
        this.admitting = false;
        if (this.pending.length) this.scheduleFlush();
      };
      subscriptionGroupStats.admissions++;
      this.upstream.subscribe(
        plan.primary.serviceName,
        request({ admit: { group: upstreamId, members: batch.map((state) => ({ id: state.member.id, identity: state.member.identity })) } }),
        {
          next: (answer) => this.enqueue(async () => this.upstreamId === upstreamId && this.onAdmission(batch, answer as ExecutionResult)),
          error: (error) =>
            this.enqueue(async () => {
              answered();
              if (this.upstreamId !== upstreamId) return;
              const errors = errorList(error);
              const waiting = batch.filter((state) => this.members.has(state.member.id) && !this.admitted.has(state.member.id));
              if (errors.some((e) => e.extensions?.["code"] === "NOT_GROUPABLE")) {
                this.solo = true;
                for (const state of [...waiting, ...this.pending.splice(0)]) this.openSolo(state);
                return;
              }
              for (const state of waiting) this.end(state, errors);
            }),
          complete: () => this.enqueue(async () => answered()),
        },
      );
    }
  }

  /** The subgraph's answer to an admission: its refusals (the admitted join through the group's own operation, in order). */
  private async onAdmission(batch: MemberState[], answer: ExecutionResult): Promise<void> {
    const refused = (answer.extensions?.["refused"] ?? {}) as Record<string, GraphQLFormattedError[]>;
    for (const state of batch) {
      const errors = refused[state.member.id];
      // The group was gone upstream: it reopens (its operation ends too) and admits the member again.
      if (!errors?.length || errors.some((error) => error.extensions?.["code"] === "GROUP_GONE")) continue;
      this.end(state, errors);
    }
  }

  private async onJoined(joined: Joined[]): Promise<void> {
    for (const { members, initial } of joined) {
      // Who left while its admission was on its way is in the subgraph's group now: it leaves there too.
      const gone = members.filter((id) => !this.members.has(id));
      if (gone.length) {
        this.leaving.push(...gone);
        this.scheduleFlush();
      }
      const states = members.flatMap((id) => this.members.get(id) ?? []);
      const anyone = states[0];
      if (!anyone) continue;
      const payloads = await Promise.all(initial.map(async (result) => this.payload(result, anyone.member.gateway)));
      const tags = new Set(initial.flatMap((result) => (typeof result.extensions?.["sharedResult"] === "string" ? [result.extensions["sharedResult"]] : [])));
      for (const state of states) {
        if (!this.members.has(state.member.id)) continue;
        this.admitted.add(state.member.id);
        state.had = tags;
        for (const payload of payloads) this.deliverTo(state, payload);
      }
    }
  }

  /** A member whose feed is served per subscriber: its own upstream operation, results shared where the subgraph shared them. */
  private openSolo(state: MemberState): void {
    const { plan } = this.base;
    subscriptionGroupStats.upstreamOpened++;
    let chain: Promise<void> = Promise.resolve();
    const inOrder = (run: () => Promise<void>) => {
      chain = chain.then(run).catch((error: unknown) => {
        this.logger.error({ err: error }, "subscription event failed");
        state.member.deliver(INTERNAL_ERROR);
      });
    };
    state.closeSolo = this.upstream.subscribe(
      plan.primary.serviceName,
      { query: plan.primary.operation, operationName: plan.primary.operationName, variables: this.base.primaryVariables, extensions: state.member.identity },
      {
        next: (event) => inOrder(async () => this.deliverTo(state, await this.payload(event as ExecutionResult, state.member.gateway))),
        error: (error) => inOrder(async () => this.end(state, errorList(error))),
        complete: () => inOrder(async () => this.end(state)),
      },
    );
  }

  private async onEvent(event: ExecutionResult): Promise<void> {
    const ended = event.extensions?.["endedMembers"];
    if (Array.isArray(ended)) {
      const refusal = { message: "This sign-in is no longer valid; sign in again", extensions: { code: "UNAUTHENTICATED" } };
      for (const id of ended) {
        const state = typeof id === "string" ? this.members.get(id) : undefined;
        if (state) this.end(state, [refusal]);
      }
    }
    const joined = event.extensions?.["joined"];
    if (Array.isArray(joined)) await this.onJoined(joined as Joined[]);
    if (!event.data && !event.errors?.length) return;
    // An error without data ends the operation with its opener's refusal (its sign-in fell, its session expired).
    if (!event.data && isPersonal(errorList(event.errors))) return this.refuseOpener(errorList(event.errors));
    const opener = this.openerId ? this.members.get(this.openerId) : undefined;
    const anyone = opener ?? [...this.members.values()][0];
    if (!anyone) return;
    const payload = await this.payload(event, anyone.member.gateway);
    const tag = event.extensions?.["sharedResult"];
    for (const id of this.admitted) {
      const state = this.members.get(id);
      if (!state) continue;
      // A member that just joined may have this event among its first ones already.
      if (state.had) {
        const had = typeof tag === "string" && state.had.has(tag);
        if (!had) state.had = undefined;
        if (had) continue;
      }
      this.deliverTo(state, payload);
    }
  }

  private onUpstreamError(error: unknown): void {
    this.closeUpstream = null;
    const errors = errorList(error);
    if (!isPersonal(errors)) {
      for (const state of [...this.members.values()]) this.end(state, errors);
      return;
    }
    this.refuseOpener(errors);
  }

  /** The opener's own refusal (its sign-in fell, it may not see this): it ends; the others go on, under another member's identity. */
  private refuseOpener(errors: GraphQLFormattedError[]): void {
    this.closeUpstream?.();
    this.closeUpstream = null;
    this.upstreamId = "";
    const opener = this.openerId ? this.members.get(this.openerId) : undefined;
    if (opener) this.end(opener, errors);
    // Served per subscriber, the others have their own operations.
    if (this.members.size > 0 && !this.solo) this.open();
  }

  private end(state: MemberState, errors?: readonly GraphQLFormattedError[]): void {
    const { id } = state.member;
    if (!this.members.has(id)) return;
    this.members.delete(id);
    this.admitted.delete(id);
    this.pending = this.pending.filter((s) => s !== state);
    state.closeSolo?.();
    state.member.end(errors);
    if (this.members.size === 0) {
      this.closeUpstream?.();
      this.closeUpstream = null;
      this.onEmpty();
    }
  }

  private deliverTo(state: MemberState, payload: string): void {
    subscriptionGroupStats.deliveries++;
    state.member.deliver(payload);
  }

  /**
   * The payload (serialized) of one upstream event. A result the subgraph shared is completed
   * once for the group, with the headers of a member it reached.
   */
  private payload(event: ExecutionResult, context: GatewayContext): Promise<string> {
    const shared = event.extensions?.["sharedResult"];
    if (typeof shared !== "string" || !event.data) return this.render(event, context);
    let payload = this.recent.get(shared);
    if (!payload) {
      payload = this.render(event, context);
      this.recent.set(shared, payload);
      if (this.recent.size > RECENT_RESULTS) this.recent.delete(this.recent.keys().next().value!);
      // A failed completion is not kept: the next event tries again.
      const kept = payload;
      kept.catch(() => this.recent.get(shared) === kept && this.recent.delete(shared));
    }
    return payload;
  }

  private async render(event: ExecutionResult, context: GatewayContext): Promise<string> {
    const { extensions: _upstreamOnly, ...result } = event;
    if (!result.data) return serialize(result);
    subscriptionGroupStats.executions++;
    return serialize(await executeSubscriptionEvent({ ...this.execution, context }, result));
  }
}

/** The groups of one gateway process: made on the first member, dropped with the last. */
export class SubscriptionGroups {
  private readonly groups = new Map<string, SubscriptionGroup>();

  constructor(
    private readonly upstream: UpstreamConnections,
    private readonly logger: Logger,
  ) {}

  join(key: string, make: () => GroupExecution, member: GroupMember): () => void {
    let group = this.groups.get(key);
    if (!group) {
      const made: SubscriptionGroup = new SubscriptionGroup(key, make(), this.upstream, this.logger, () => {
        if (this.groups.get(key) === made) this.groups.delete(key);
      });
      this.groups.set(key, (group = made));
    }
    return group.join(member);
  }

  /** Groups being served (≪ subscribers when many watch the same thing); each is one upstream operation. */
  size(): number {
    return this.groups.size;
  }
}
