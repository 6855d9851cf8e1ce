// The committed supergraph is what the subgraphs compose to; a stale file fails here.
import { describe, expect, it } from "vitest";
import { compose, staleFiles } from "./compose.ts";

describe("schema/", () => {
  it("composes both subgraphs into one supergraph with the cross-subgraph entities", () => {
    const { files } = compose();
    const supergraph = files["supergraph.graphql"]!;
    expect(supergraph).toMatch(/type Unit\s+@join__type\(graph: PROPERTY, key: "id"\)\s+@join__type\(graph: REALITY, key: "id"\)/);
    // Nullable on purpose: a reality outage nulls only the listings of a unit, never the property data around it.
    expect(supergraph).toMatch(/listings: \[Listing!\] @join__field\(graph: REALITY\)/);
  });

  it("matches the committed files (run `npm run compose` after changing a subgraph's SDL)", () => {
    expect(staleFiles()).toEqual([]);
  });
});
