// The fault workflow table: every listed step is allowed, everything else is BAD_USER_INPUT.
import { describe, expect, it } from "vitest";
import { assertTransition, faultTransitions, participantMay } from "./transitions.ts";

const statuses = Object.keys(faultTransitions) as (keyof typeof faultTransitions)[];

describe("fault transitions", () => {
  it("allows exactly the workflow's steps", () => {
    const allowed: string[] = [];
    for (const from of statuses) {
      for (const to of statuses) {
        try {
          assertTransition(from, to);
          allowed.push(`${from}→${to}`);
        } catch (error) {
          expect((error as { code: string }).code).toBe("BAD_USER_INPUT");
        }
      }
    }
    expect(allowed.sort()).toEqual(
      ["NEW→TRIAGED", "NEW→REJECTED", "TRIAGED→IN_PROGRESS", "TRIAGED→REJECTED", "IN_PROGRESS→RESOLVED", "RESOLVED→CLOSED", "RESOLVED→IN_PROGRESS"].sort(),
    );
  });

  it("lets a participant take only their own steps, and only valid ones", () => {
    expect(participantMay("assignee", "TRIAGED", "IN_PROGRESS")).toBe(true);
    expect(participantMay("assignee", "NEW", "TRIAGED")).toBe(false);
    expect(participantMay("reporter", "RESOLVED", "CLOSED")).toBe(true);
    expect(participantMay("reporter", "TRIAGED", "IN_PROGRESS")).toBe(false);
    for (const role of ["assignee", "reporter"] as const) {
      for (const from of statuses) for (const to of statuses) if (participantMay(role, from, to)) expect(() => assertTransition(from, to)).not.toThrow();
    }
  });
});
