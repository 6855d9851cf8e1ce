// What a partner reading the explorer finds undocumented: every type, field, argument, input
// field and enum value of the public graph (the composed supergraph's API schema, without
// @inaccessible parts) that has no description. `tsx schema/descriptions.ts` lists them.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { GraphQLSchema } from "graphql";
import { apiSchema } from "./breaking-changes.ts";

// The same graphql instance as the API schema's (federation-internals loads graphql's CommonJS build).
const { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType } = createRequire(import.meta.url)(
  "graphql",
) as typeof import("graphql");

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const described = (text: string | null | undefined) => Boolean(text?.trim());

export function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || isSpecifiedScalarType(type)) continue;
    if (!described(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (!described(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (!described(value.description)) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing;
}

export function publicSchema(): GraphQLSchema {
  return apiSchema(readFileSync(join(root, "schema", "supergraph.graphql"), "utf8"));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const missing = undocumented(publicSchema());
  console.log(missing.join("\n"));
  console.error(`${missing.length} undocumented`);
}
