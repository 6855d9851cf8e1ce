// One access case per root field of the graph that touches tenant data. The matrix test calls
// each with (a) no token, (b) a token of another organization, (c) a token of the owning
// organization WITHOUT the case's permission, and checks nothing of A leaks or changes.
// A new root field must get a case here or a place on the public allowlist: the test fails
// for any field that has neither.
import type { Permission } from "@ppt/server-kit";
import type { World } from "./world.ts";

export interface AccessCase {
  /** `Query.<field>` or `Mutation.<field>` */
  field: string;
  document: string;
  variables: (world: World) => Record<string, unknown>;
  /** The permission the owning organization's caller needs. */
  permission: Permission;
  /**
   * byId: another tenant gets NOT_FOUND exactly as for a missing id.
   * list: another tenant gets an answer with none of A's objects.
   */
  kind: "byId" | "list";
}

/** Fields anyone may call without a token: the public portal and liveness. */
export const publicFields = new Set(["Query.propertyHealth", "Query.realityHealth", "Query.listing", "Query.searchListings"]);

/** Fields any signed-in caller may call about themselves (checked for UNAUTHENTICATED only). */
export const selfFields = new Set(["Query.currentOrganization"]);

export const accessCases: AccessCase[] = [
  {
    field: "Query.buildings",
    document: `{ buildings(first: 50) { totalCount edges { node { id street } } } }`,
    variables: () => ({}),
    permission: "buildings:read",
    kind: "list",
  },
  {
    field: "Query.building",
    document: `query ($id: ID!) { building(id: $id) { id street units { id } } }`,
    variables: (w) => ({ id: w.buildingA }),
    permission: "buildings:read",
    kind: "byId",
  },
  {
    field: "Query.unit",
    document: `query ($id: ID!) { unit(id: $id) { id designation } }`,
    variables: (w) => ({ id: w.unitA }),
    permission: "buildings:read",
    kind: "byId",
  },
];
