// The client's answer built from the subgraphs' merged data, as Apollo Gateway's result shaping
// builds it: the client's fields in the client's order (the plan's extra `__typename` and key
// fields left out), every leaf value checked against its type, a missing field null. Compiled
// once per route from the client's operation, so a request walks a small tree instead of
// rebuilding the operation. Only operations without fragments, directives, meta-fields or
// abstract types compile; where Apollo would report an error (a null in a non-null field, a value
// its type does not allow) the shape gives up and the request is Apollo's.
import { graphqlRuntime } from "@ppt/server-kit/edge";
import { Kind, type GraphQLObjectType, type GraphQLOutputType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from "graphql";
import type { JsonObject } from "./joins.ts";

// The schema is Apollo's, built by the CommonJS copy of graphql: its type tests are that copy's.
const { isEnumType, isListType, isNonNullType, isObjectType, isScalarType } = graphqlRuntime;

export interface ObjectShape {
  typeName: string;
  fields: { key: string; type: ValueShape }[];
}

type ValueShape = { nonNull: boolean } & ({ list: ValueShape } | { object: ObjectShape } | { leaf: (value: unknown) => boolean });

/** The shape of the client's answer, or null when the operation needs more than this module does. */
export function compileShape(schema: GraphQLSchema, operation: OperationDefinitionNode): ObjectShape | null {
  const root = schema.getRootType(operation.operation);
  return root && !operation.directives?.length ? objectShape(root, operation.selectionSet) : null;
}

function objectShape(type: GraphQLObjectType, selectionSet: SelectionSetNode): ObjectShape | null {
  const fields: ObjectShape["fields"] = [];
  const keys = new Set<string>();
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length || selection.name.value.startsWith("__")) return null;
    const key = (selection.alias ?? selection.name).value;
    const definition = type.getFields()[selection.name.value];
    // A response key selected twice is merged by GraphQL's rules: Apollo's to do.
    if (!definition || keys.has(key)) return null;
    keys.add(key);
    const shape = valueShape(definition.type, selection.selectionSet);
    if (!shape) return null;
    fields.push({ key, type: shape });
  }
  return { typeName: type.name, fields };
}

function valueShape(type: GraphQLOutputType, selectionSet: SelectionSetNode | undefined): ValueShape | null {
  const nonNull = isNonNullType(type);
  const inner = nonNull ? type.ofType : type;
  if (isListType(inner)) {
    const list = valueShape(inner.ofType, selectionSet);
    return list && { nonNull, list };
  }
  if (isObjectType(inner)) {
    const object = selectionSet && objectShape(inner, selectionSet);
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
    const value = shapeValue(type, Object.hasOwn(input, key) ? (input[key] ?? null) : null);
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
