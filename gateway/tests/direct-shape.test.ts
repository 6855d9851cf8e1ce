// The direct lane's own execution pieces against Apollo Gateway's rules: which operations it
// shapes, where it gives the request back (every case Apollo would answer with an error), and
// how entity fetches read representations and merge answers.
import { describe, expect, it } from "vitest";
import { graphqlRuntime } from "@ppt/server-kit/edge";
import { Kind, type OperationDefinitionNode } from "graphql";
import { compileShape, shapeAnswer, UNSHAPED } from "../src/direct-fetch/shape.ts";
import { entitiesAt, mergeInto, representationOf } from "../src/direct-fetch/joins.ts";

const schema = graphqlRuntime.buildSchema(`
  type Query { listing(id: ID!): Listing  listings: [Listing!]!  node: Node  count: Int }
  interface Node { id: ID! }
  enum Status { ACTIVE SOLD }
  type Listing implements Node { id: ID! title: String status: Status! rooms: Int price: Float unit: Unit }
  type Unit { id: ID! floor: Int }
`);

function shapeOf(query: string) {
  const document = graphqlRuntime.parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return compileShape(schema, document, operation);
}
const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("the lane's result shaping", () => {
  it("builds the client's fields in the client's order and leaves out what the plan added", () => {
    const shape = shapeOf(`query { listing(id: "1") { title  id  unit { floor } } count }`)!;
    const merged = { listing: { __typename: "Listing", id: "1", status: "ACTIVE", title: "Byt", unit: { __typename: "Unit", id: "u", floor: 2 } }, count: 3 };
    const shaped = shapeAnswer(shape, merged);
    expect(JSON.stringify(shaped)).toBe('{"listing":{"title":"Byt","id":"1","unit":{"floor":2}},"count":3}');
    // A field the subgraphs left out is null, as Apollo writes it.
    expect(json(shapeAnswer(shape, { listing: { id: "1", unit: null } }))).toEqual({ listing: { title: null, id: "1", unit: null }, count: null });
  });

  it("gives back to Apollo every answer Apollo would report an error for", () => {
    const shape = shapeOf(`{ listings { id status rooms price } }`)!;
    const row = { id: "1", status: "ACTIVE", rooms: 2, price: 1.5 };
    expect(shapeAnswer(shape, { listings: [row] })).not.toBe(UNSHAPED);
    for (const bad of [
      { ...row, id: null }, // null in a non-null field
      { ...row, status: "DRAFT" }, // an enum value the schema does not have (an @inaccessible one)
      { ...row, rooms: 2.5 }, // not an Int
      { ...row, rooms: "2" },
      { ...row, price: "1.5" }, // not a Float
      { ...row, id: true }, // not an ID
      { ...row, __typename: "Unit" }, // another type than the field's
    ])
      expect(shapeAnswer(shape, { listings: [bad] }), JSON.stringify(bad)).toBe(UNSHAPED);
    expect(shapeAnswer(shape, { listings: null })).toBe(UNSHAPED);
    expect(shapeAnswer(shape, { listings: [null] })).toBe(UNSHAPED);
  });

  it("collects fields through fragments on the object's own type, in GraphQL's order, and writes __typename", () => {
    const shape = shapeOf(`
      query { listing(id: "1") { __typename ...Card unit { floor } title } }
      fragment Card on Listing { id title unit { id __typename } ... on Listing { rooms } }`)!;
    const merged = { listing: { __typename: "Listing", rooms: 2, title: "Byt", id: "1", unit: { id: "u", floor: 3 } } };
    expect(JSON.stringify(shapeAnswer(shape, merged))).toBe(
      '{"listing":{"__typename":"Listing","id":"1","title":"Byt","unit":{"id":"u","__typename":"Unit","floor":3},"rooms":2}}',
    );
  });

  it("compiles only operations without directives, introspection, abstract types or fragments on other types", () => {
    expect(shapeOf(`{ listing(id: "1") { id } }`)).not.toBeNull();
    for (const query of [
      `query ($s: Boolean!) { listing(id: "1") { id @skip(if: $s) } }`,
      `{ listing(id: "1") { ... on Node { id } } }`,
      `{ listing(id: "1") { ...N } } fragment N on Node { id }`,
      // Apollo merges the second into the first's place: its order is not GraphQL's.
      `{ listing(id: "1") { ... on Listing { id } title ... on Listing { rooms } } }`,
      `{ node { id } }`,
      `{ __schema { queryType { name } } }`,
      `query @cached { count }`,
    ])
      expect(shapeOf(query), query).toBeNull();
  });
});

describe("the lane's entity fetches", () => {
  it("reads the objects at a plan path through lists, without nulls", () => {
    const data = { page: { edges: [{ node: { unit: { id: "a" } } }, { node: { unit: null } }, { node: { unit: { id: "b" } } }] } };
    expect(entitiesAt(data, ["page", "edges", "@", "node", "unit"])).toEqual([{ id: "a" }, { id: "b" }]);
    expect(entitiesAt({ listing: null }, ["listing", "unit"])).toEqual([]);
    expect(entitiesAt({ lists: [[{ id: "a" }], [{ id: "b" }]] }, ["lists", "@", "@"])).toEqual([{ id: "a" }, { id: "b" }]);
  });

  it("represents an object of the step's type by its key fields, and nothing else", () => {
    const requires = [
      {
        kind: "InlineFragment" as const,
        typeCondition: "Unit",
        selections: [
          { kind: "Field" as const, name: "__typename" },
          { kind: "Field" as const, name: "id" },
        ],
      },
    ];
    expect(json(representationOf({ __typename: "Unit", id: "u", floor: 2 }, requires))).toEqual({ __typename: "Unit", id: "u" });
    // Another type, or a key missing: no representation (the entity is not fetched, as with Apollo).
    expect(representationOf({ __typename: "Building", id: "b" }, requires)?.__typename).toBeUndefined();
    expect(representationOf({ __typename: "Unit" }, requires)?.__typename).toBeUndefined();
  });

  it("merges an answer into the object field by field, without touching prototypes", () => {
    const target = { id: "u", building: { id: "b" }, tags: [{ a: 1 }, { a: 2 }] };
    mergeInto(target, json({ building: { city: "Žilina" }, tags: [{ b: 1 }, { b: 2 }], rooms: 3 }));
    expect(target).toEqual({
      id: "u",
      building: { id: "b", city: "Žilina" },
      tags: [
        { a: 1, b: 1 },
        { a: 2, b: 2 },
      ],
      rooms: 3,
    });
    const merged = mergeInto({}, JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(JSON.stringify(merged)).toBe('{"__proto__":{"polluted":true}}');
  });
});
