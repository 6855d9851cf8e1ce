// The supergraph as the matrix reads it: its root fields, which subgraph serves each, and a valid
// operation for any field (its required arguments filled with well-formed values), so a field is
// refused for its caller rather than for a document that does not validate.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import {
  buildASTSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { repoRoot } from "@ppt/server-kit";

let loaded: GraphQLSchema | null = null;

/** The API schema, read from the committed supergraph. */
function supergraph(): GraphQLSchema {
  loaded ??= buildASTSchema(parse(readFileSync(join(repoRoot, "schema", "supergraph.graphql"), "utf8")), { assumeValidSDL: true });
  return loaded;
}

function rootField(field: string): GraphQLField<unknown, unknown> {
  const [typeName, name] = field.split(".") as [string, string];
  const type = typeName === "Mutation" ? supergraph().getMutationType() : supergraph().getQueryType();
  const found = type?.getFields()[name];
  if (!found) throw new Error(`${field} is not a root field of the supergraph`);
  return found;
}

/** Every Query and Mutation field as `Type.field`. */
export function rootFields(): string[] {
  return [supergraph().getQueryType(), supergraph().getMutationType()].flatMap((type) =>
    type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : [],
  );
}

/** The subgraphs that serve a root field (its `@join__field(graph: …)`), lower case. */
export function servingGraphs(field: string): string[] {
  const directives = rootField(field).astNode?.directives ?? [];
  return directives
    .filter((d) => d.name.value === "join__field")
    .flatMap((d) => d.arguments?.filter((a) => a.name.value === "graph").map((a) => (a.value.kind === Kind.ENUM ? a.value.value.toLowerCase() : "")) ?? []);
}

/** A well-formed value of an input type (only required fields of input objects are filled). */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [sampleValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, sampleValue(f.type)]),
    );
  }
  const samples: Record<string, unknown> = {
    ID: randomUUID(),
    UUID: randomUUID(),
    String: "x",
    Int: 1,
    Float: 1,
    Boolean: false,
    EmailAddress: "nikto@example.sk",
    DateTime: new Date(Date.now() + 86_400_000).toISOString(),
    LocalDate: "2030-01-01",
    Decimal: "1",
    JSON: {},
  };
  if (!(type.name in samples)) throw new Error(`No sample value for scalar ${type.name}: add one in operations.ts`);
  return samples[type.name];
}

/** A valid operation calling the field with its required arguments (as variables) and `__typename` of an object answer. */
export function operationFor(field: string): { document: string; variables: Record<string, unknown> } {
  const definition = rootField(field);
  const required = definition.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const declarations = required.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(", ");
  const call = required.length ? `${definition.name}(${required.map((arg) => `${arg.name}: $${arg.name}`).join(", ")})` : definition.name;
  const selection = isLeafType(getNamedType(definition.type)) ? "" : " { __typename }";
  const operation = field.startsWith("Mutation.") ? "mutation" : "query";
  return {
    document: `${operation}${declarations ? ` (${declarations})` : ""} { ${call}${selection} }`,
    variables: Object.fromEntries(required.map((arg) => [arg.name, sampleValue(arg.type)])),
  };
}
