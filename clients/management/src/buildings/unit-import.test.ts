// Reading an imported sheet into importUnits' rows: a Slovak or English header in any order,
// cells passed as text (the server checks them), empty lines left out.
import { describe, expect, it } from "vitest";
import { sheetRows } from "./unit-import.ts";

describe("reading an imported sheet", () => {
  it("reads a Slovak header in any order into the rows importUnits takes", () => {
    const { rows, missing } = sheetRows([
      ["Podiel", "Jednotka", "Vchod", "Poschodie", "Vlastník", "Podiel vlastníka"],
      ["52/1000", "2", "A", "1", "Jana@example.sk", "1/2"],
      ["abc", "3", "", "x", "", ""],
      ["", "", "", "", "", ""],
    ]);
    expect(missing).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        designation: "2",
        entrance: "A",
        floor: "1",
        sizeSqm: null,
        ownershipShare: "52/1000",
        ownerEmail: "Jana@example.sk",
        ownerShare: "1/2",
        validFrom: null,
      },
      { line: 3, designation: "3", entrance: null, floor: "x", sizeSqm: null, ownershipShare: "abc", ownerEmail: null, ownerShare: null, validFrom: null },
    ]);
  });

  it("names the required columns a header lacks", () => {
    expect(sheetRows([["unit", "floor"]]).missing).toEqual(["share"]);
    expect(sheetRows([["unit", "floor"]]).rows).toEqual([]);
  });
});
