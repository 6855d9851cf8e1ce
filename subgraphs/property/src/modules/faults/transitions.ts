// The fault workflow, as one table: NEW → TRIAGED → IN_PROGRESS → RESOLVED → CLOSED, REJECTED
// from the first two steps, and a resolved fault may be reopened. Anything else is refused.
import type { FaultStatus } from "@ppt/db/client";
import { AppError } from "@ppt/server-kit";

export const faultTransitions: Readonly<Record<FaultStatus, readonly FaultStatus[]>> = {
  NEW: ["TRIAGED", "REJECTED"],
  TRIAGED: ["IN_PROGRESS", "REJECTED"],
  IN_PROGRESS: ["RESOLVED"],
  RESOLVED: ["CLOSED", "IN_PROGRESS"],
  CLOSED: [],
  REJECTED: [],
};

/** Statuses that still need work (counted as "open" in building statistics). */
export const openFaultStatuses: readonly FaultStatus[] = ["NEW", "TRIAGED", "IN_PROGRESS"];

/**
 * Who besides staff may move a fault, and only along these steps: its assignee does the work,
 * its reporter confirms or disputes the fix.
 */
export const participantSteps: Readonly<Record<"assignee" | "reporter", readonly (readonly [FaultStatus, FaultStatus])[]>> = {
  assignee: [
    ["TRIAGED", "IN_PROGRESS"],
    ["IN_PROGRESS", "RESOLVED"],
  ],
  reporter: [
    ["RESOLVED", "CLOSED"],
    ["RESOLVED", "IN_PROGRESS"],
  ],
};

export function participantMay(role: "assignee" | "reporter", from: FaultStatus, to: FaultStatus): boolean {
  return participantSteps[role].some(([f, t]) => f === from && t === to);
}

export function assertTransition(from: FaultStatus, to: FaultStatus): void {
  if (!faultTransitions[from].includes(to)) {
    throw AppError.badInput(`A ${from} fault cannot become ${to}`, { field: "status", from, to });
  }
}
