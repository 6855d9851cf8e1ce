// The import's preview: every row checked before anything is sent, each problem named.
import { describe, expect, it } from "vitest";
import { checkRows } from "./unit-import.ts";

const context = { membersByEmail: new Map([["jana@example.sk", "user-jana"]]), existingDesignations: new Set(["1"]) };

describe("checking an imported sheet", () => {
  it("reads a Slovak header in any order and names each row's problems", () => {
    const { rows, missing } = checkRows(
      [
        ["Podiel", "Jednotka", "Poschodie", "Vlastník", "Podiel vlastníka"],
        ["52/1000", "2", "1", "Jana@example.sk", "1/2"],
        ["abc", "3", "x", "nikto@example.sk", ""],
        ["10/1000", "1", "", "", ""],
        ["10/1000", "", "", "", ""],
      ],
      context,
    );
    expect(missing).toEqual([]);
    expect(rows.map((r) => [r.line, r.problems])).toEqual([
      [2, []],
      [3, ["floor", "share", "owner"]],
      [4, ["exists"]],
      [5, ["designation"]],
    ]);
    expect(rows[0]).toMatchObject({
      designation: "2",
      floor: 1,
      share: { numerator: 52, denominator: 1000 },
      ownerId: "user-jana",
      ownerShare: { numerator: 1, denominator: 2 },
    });
  });

  it("finds a unit written twice and a header without the required columns", () => {
    expect(
      checkRows(
        [
          ["unit", "share"],
          ["5", "1/2"],
          ["5", "1/2"],
        ],
        context,
      ).rows.map((r) => r.problems),
    ).toEqual([["duplicate"], ["duplicate"]]);
    expect(checkRows([["unit", "floor"]], context).missing).toEqual(["share"]);
  });
});
