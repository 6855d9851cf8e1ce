// Groups of identical subscriptions, as a gateway opens them: ONE upstream operation per group
// (same document, operation name, variables and permission scope) instead of one per subscriber.
// The gateway opens the group's operation with its first member's identity and names it in
// `extensions.group`; it then admits the other members in batches (`extensions.admit`: one
// operation for many members, each checked exactly as if it subscribed alone: token, sign-in,
// scope, the field's own subscribe-time authorization) and tells which left (`extensions.leave`).
// Before every event the sign-in of every member is re-checked (one query for all of them); those
// whose sign-in no longer stands are named in the event's `extensions.endedMembers` and the gateway
// ends them; the event itself is resolved once for the whole group.
import type { ExecutionResult } from "graphql";
import type { Caller } from "../auth/caller.ts";
import type { Identity } from "./subscription-server.ts";

/** `extensions.group` of a group's operation: the group's id and the member whose identity opened it. */
export interface GroupOpening {
  id: string;
  member: string;
}

/** `extensions.admit`: members to admit into an open group. */
export interface GroupAdmission {
  group: string;
  members: { id: string; identity: Identity }[];
}

/** `extensions.leave`: members that left a group. */
export interface GroupLeaving {
  group: string;
  members: string[];
}

/** A member admitted into a group on this process: re-checked before every event of its group. */
export interface GroupMember {
  caller: Caller | null;
  /** Ends it (its sign-in ended): the gateway is told at once. */
  end(): void;
}

/** A member admitted into a group: its own stream's first events (the current state) are its first events. */
export interface GroupJoin {
  id: string;
  member: GroupMember;
  events: AsyncIterator<unknown>;
  resolve: (event: unknown) => Promise<ExecutionResult>;
}

/** A group's operation being served here. */
export interface ServedGroup {
  /** The permission scope every member must share (permissionScope). */
  scope: string;
  members: Map<string, GroupMember>;
  /** Its sharing key (permission scope, operation, variables, document): events resolve once per key. */
  sharing: string;
  /** Whether the group's own operation was set up (its opener admitted): admissions wait for it. */
  ready: Promise<boolean>;
  /** Admitted members join, between two events of the group's operation (their first events announced in `extensions.joined`). */
  join(joins: GroupJoin[]): void;
  /** Tells the gateway that these members are ended (a result without data). */
  announceEnded(members: string[]): void;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function groupOpeningOf(extensions: unknown): GroupOpening | null {
  const group = isRecord(extensions) ? extensions["group"] : null;
  return isRecord(group) && typeof group["id"] === "string" && typeof group["member"] === "string" ? { id: group["id"], member: group["member"] } : null;
}

export function groupAdmissionOf(extensions: unknown): GroupAdmission | null {
  const admit = isRecord(extensions) ? extensions["admit"] : null;
  if (!isRecord(admit) || typeof admit["group"] !== "string" || !Array.isArray(admit["members"])) return null;
  const members: GroupAdmission["members"] = [];
  for (const member of admit["members"] as unknown[]) {
    if (!isRecord(member) || typeof member["id"] !== "string" || !isRecord(member["identity"])) return null;
    const identity: Identity = {};
    for (const [key, value] of Object.entries(member["identity"])) if (typeof value === "string") identity[key.toLowerCase() as keyof Identity] = value;
    members.push({ id: member["id"], identity });
  }
  return { group: admit["group"], members };
}

export function groupLeavingOf(extensions: unknown): GroupLeaving | null {
  const leave = isRecord(extensions) ? extensions["leave"] : null;
  if (!isRecord(leave) || typeof leave["group"] !== "string" || !Array.isArray(leave["members"])) return null;
  return { group: leave["group"], members: (leave["members"] as unknown[]).filter((id): id is string => typeof id === "string") };
}
