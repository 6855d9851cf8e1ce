// The power-of-attorney form's fields as the graph takes them. The form asks for days; the graph
// holds instants, and validTo is exclusive: "valid until 31 March" ends at 1 April's midnight.
import type { AttorneyCandidatesQuery, DelegableUnitsQuery, DelegateRightsInput, DelegationScope } from "../generated/graphql.ts";

export interface DelegationDraft {
  toUserId: string;
  /** "" for every unit the giver owns. */
  unitId: string;
  scope: DelegationScope;
  /** YYYY-MM-DD or "". */
  validFrom: string;
  /** YYYY-MM-DD (the last day, inclusive) or "". */
  validTo: string;
  note: string;
}

export const emptyDraft: DelegationDraft = { toUserId: "", unitId: "", scope: "VOTING", validFrom: "", validTo: "", note: "" };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A draft for voting until a day given in the URL (`?do=YYYY-MM-DD`: a vote's last day, from the vote's page). */
export function draftFromSearch(search: string): DelegationDraft {
  const until = new URLSearchParams(search).get("do") ?? "";
  return { ...emptyDraft, validTo: DAY.test(until) ? until : "" };
}

/** The link a vote's page offers its voters: a power of attorney for voting, through the vote's last day. */
export function delegationForVote(endsAt: string | null): string {
  if (!endsAt) return "/plne-moci";
  const end = new Date(endsAt);
  const day = `${end.getFullYear()}-${String(end.getMonth() + 1).padStart(2, "0")}-${String(end.getDate()).padStart(2, "0")}`;
  return `/plne-moci?do=${day}`;
}

/** Local midnight of a day, as an instant. */
const startOfDay = (day: string) => new Date(`${day}T00:00:00`);

export function delegationInput(draft: DelegationDraft): DelegateRightsInput {
  const after = draft.validTo ? startOfDay(draft.validTo) : null;
  after?.setDate(after.getDate() + 1);
  return {
    toUserId: draft.toUserId,
    unitId: draft.unitId || null,
    scope: draft.scope,
    validFrom: draft.validFrom ? startOfDay(draft.validFrom).toISOString() : null,
    validTo: after ? after.toISOString() : null,
    note: draft.note.trim() || null,
  };
}

export interface Person {
  id: string;
  firstName: string;
  lastName: string;
}

/** The people the caller may choose: the members when the graph lists them, else conversation partners; never the caller. */
export function attorneyCandidates(data: AttorneyCandidatesQuery | undefined, me: string | null): Person[] {
  const people = new Map<string, Person>();
  for (const { node } of data?.members?.edges ?? []) people.set(node.user.id, node.user);
  for (const { node } of data?.conversations.edges ?? []) for (const p of node.participants) if (p.user) people.set(p.user.id, p.user);
  if (me) people.delete(me);
  return [...people.values()].sort((a, b) => `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`));
}

/** The units the caller owns today (ownerships not ended), with their building. */
export function ownedUnits(data: DelegableUnitsQuery | undefined, me: string | null, today = new Date().toISOString().slice(0, 10)) {
  return (data?.buildings.edges ?? []).flatMap(({ node: building }) =>
    building.units
      .filter((unit) => unit.ownerships.some((o) => o.owner.id === me && (o.validTo === null || o.validTo >= today)))
      .map((unit) => ({ id: unit.id, designation: unit.designation ?? "—", building })),
  );
}
