// One picker offers every kind of share (a building's residents, a role, one person): its option
// values carry the kind, so the choice maps to exactly one field of ShareDocumentInput.
import type { ShareDocumentInput } from "../generated/graphql.ts";

export type ShareTarget = { kind: "building" | "role" | "user"; id: string };

export const shareOptionValue = (target: ShareTarget) => `${target.kind}:${target.id}`;

/** The mutation's input for a picked option; null for the empty choice or a value no option has. */
export function shareInput(optionValue: string): ShareDocumentInput | null {
  const colon = optionValue.indexOf(":");
  const kind = optionValue.slice(0, colon);
  const id = optionValue.slice(colon + 1);
  if (colon < 0 || !id) return null;
  if (kind === "building") return { buildingId: id };
  if (kind === "role") return { roleKey: id };
  if (kind === "user") return { userId: id };
  return null;
}
