// The client's answer built from the subgraphs' merged data, as Apollo Gateway's result shaping
// builds it: the client's fields in the client's order (the plan's extra `__typename` and key
// fields left out), every leaf value checked against its type, a missing field null. Compiled
// once per route from the client's operation, so a request walks a small tree instead of
// rebuilding the operation. Only operations whose fragments are on their objects' own types, and
// without directives, introspection or abstract types, compile; where Apollo would report an error (a null in a non-null field, a value
// its type does not allow) the shape gives up and the request is Apollo's.
import { graphqlRuntime } from "@ppt/server-kit/edge";
import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
} from "graphql";
import type { JsonObject } from "./joins.ts";

// The schema is Apollo's, built by the CommonJS copy of graphql: its type tests are that copy's.
const { isEnumType, isListType, isNonNullType, isObjectType, isScalarType } = graphqlRuntime;

export interface ObjectShape {
  typeName: string;
  /** A field's shape, or "typename" for `__typename` (the object's type, as Apollo writes it). */
  fields: { key: string; type: ValueShape | "typename" }[];
}

type ValueShape = { nonNull: boolean } & ({ list: ValueShape } | { object: ObjectShape } | { leaf: (value: unknown) => boolean });

type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

/** The shape of the client's answer, or null when the operation needs more than this module does. */
export function compileShape(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): ObjectShape | null {
  const root = schema.getRootType(operation.operation);
  if (!root || operation.directives?.length) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return objectShape(root, operation.selectionSet.selections, fragments);
}

/**
 * The object's fields by response key, in the order GraphQL collects them (first appearance, a
 * key's selections merged), through fragments on the object's own type only. Apollo merges two
 * inline fragments of one type into the first's place, which would order the keys differently:
 * such a selection is left to Apollo, as is any directive.
 */
function collectFields(type: GraphQLObjectType, selections: readonly SelectionNode[], fragments: Fragments, into: Map<string, FieldNode[]>): boolean {
  const inlineTypes = new Set<string>();
  for (const selection of selections) {
    if (selection.directives?.length) return false;
    if (selection.kind === Kind.FIELD) {
      const key = (selection.alias ?? selection.name).value;
      into.set(key, [...(into.get(key) ?? []), selection]);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
    const condition = fragment?.typeCondition?.name.value ?? type.name;
    if (!fragment || condition !== type.name) return false;
    if (selection.kind === Kind.INLINE_FRAGMENT && inlineTypes.has(condition)) return false;
    if (selection.kind === Kind.INLINE_FRAGMENT) inlineTypes.add(condition);
    if (!collectFields(type, fragment.selectionSet.selections, fragments, into)) return false;
  }
  return true;
}

function objectShape(type: GraphQLObjectType, selections: readonly SelectionNode[], fragments: Fragments): ObjectShape | null {
  const collected = new Map<string, FieldNode[]>();
  if (!collectFields(type, selections, fragments, collected)) return null;
  const fields: ObjectShape["fields"] = [];
  for (const [key, nodes] of collected) {
    const name = nodes[0]!.name.value;
    if (nodes.some((node) => node.name.value !== name)) return null;
    if (name === "__typename") {
      fields.push({ key, type: "typename" });
      continue;
    }
    const definition = type.getFields()[name];
    // Other meta-fields (introspection) are answered by the gateway itself.
    if (!definition || name.startsWith("__")) return null;
    const shape = valueShape(
      definition.type,
      nodes.flatMap((node) => node.selectionSet?.selections ?? []),
      fragments,
    );
    if (!shape) return null;
    fields.push({ key, type: shape });
  }
  return { typeName: type.name, fields };
}

function valueShape(type: GraphQLOutputType, selections: readonly SelectionNode[], fragments: Fragments): ValueShape | null {
  const nonNull = isNonNullType(type);
  const inner = nonNull ? type.ofType : type;
  if (isListType(inner)) {
    const list = valueShape(inner.ofType, selections, fragments);
    return list && { nonNull, list };
  }
  if (isObjectType(inner)) {
    const object = objectShape(inner, selections, fragments);
    return object ? { nonNull, object } : null;
  }
  if (isEnumType(inner)) return { nonNull, leaf: (value) => typeof value === "string" && inner.getValue(value) !== undefined };
  if (isScalarType(inner)) return { nonNull, leaf: LEAF_CHECKS.get(inner.name) ?? (() => true) };
  // Interfaces and unions: the object's own type decides its fields.
  return null;
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const isFiniteNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
/** The built-in scalars' values Apollo Gateway accepts from a subgraph (a custom scalar's are the subgraph's business). */
const LEAF_CHECKS = new Map<string, (value: unknown) => boolean>([
  ["Boolean", (value) => typeof value === "boolean"],
  ["Int", (value) => isFiniteNumber(value) && INTEGER.test(String(value))],
  ["ID", (value) => typeof value === "string" || (isFiniteNumber(value) && INTEGER.test(String(value)))],
  ["Float", isFiniteNumber],
  ["String", (value) => typeof value === "string"],
]);

/** Where Apollo would answer with an error: the request goes to Apollo. */
export const UNSHAPED = Symbol("unshaped");

/** The client's data from the merged subgraph data, or UNSHAPED. */
export function shapeAnswer(shape: ObjectShape, input: JsonObject): JsonObject | typeof UNSHAPED {
  if (input.__typename !== undefined && input.__typename !== shape.typeName) return UNSHAPED;
  // No prototype: a response key may be any name, `__proto__` too.
  const output = Object.create(null) as JsonObject;
  for (const { key, type } of shape.fields) {
    const value = type === "typename" ? shape.typeName : shapeValue(type, Object.hasOwn(input, key) ? (input[key] ?? null) : null);
    if (value === UNSHAPED) return UNSHAPED;
    output[key] = value;
  }
  return output;
}

function shapeValue(shape: ValueShape, value: unknown): unknown {
  if (value === null) return shape.nonNull ? UNSHAPED : null;
  if ("list" in shape) {
    if (!Array.isArray(value)) return UNSHAPED;
    const output = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) if ((output[i] = shapeValue(shape.list, value[i] ?? null)) === UNSHAPED) return UNSHAPED;
    return output;
  }
  if ("object" in shape) return typeof value === "object" && !Array.isArray(value) ? shapeAnswer(shape.object, value as JsonObject) : UNSHAPED;
  return shape.leaf(value) ? value : UNSHAPED;
}
