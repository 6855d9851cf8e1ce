// Per-operation work the gateway would otherwise repeat on every request. Apollo Server keeps each
// parsed and validated document (by the query's hash) and Apollo Gateway each query plan; the
// rate limit's cost estimate was the one analysis still run per request (a full validation pass
// with armor's cost rule: about a twentieth of the gateway's CPU under load). The estimate
// depends only on the schema, the operation and the page sizes passed as variables
// (`first: $n`), so it is kept per operation object (the document store hands out the same one
// for the same query) and per those variables' values.
import { Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { operationCost } from "@ppt/server-kit/edge";

/** Distinct page-size combinations remembered per operation (an app sends a handful). */
const PER_OPERATION_LIMIT = 64;

interface OperationCosts {
  schema: GraphQLSchema;
  /** Variables that give a `first`/`last` argument its value, anywhere in the document. */
  pageVariables: string[];
  costs: Map<string, number>;
}

const cache = new WeakMap<OperationDefinitionNode, OperationCosts>();

/** `operationCost`, computed once per operation, schema and page-size values. */
export function cachedOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): number {
  let entry = cache.get(operation);
  if (!entry || entry.schema !== schema) {
    entry = { schema, pageVariables: pageVariablesOf(document), costs: new Map() };
    cache.set(operation, entry);
  }
  const key = entry.pageVariables.length ? JSON.stringify(entry.pageVariables.map((name) => variables[name] ?? null)) : "";
  let cost = entry.costs.get(key);
  if (cost === undefined) {
    cost = operationCost(schema, document, operation, variables);
    if (entry.costs.size >= PER_OPERATION_LIMIT) entry.costs.clear();
    entry.costs.set(key, cost);
  }
  return cost;
}

function pageVariablesOf(document: DocumentNode): string[] {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as { kind?: string; name?: { value: string }; value?: { kind: string; name?: { value: string } } };
    if (n.kind === Kind.ARGUMENT && (n.name?.value === "first" || n.name?.value === "last") && n.value?.kind === Kind.VARIABLE) names.add(n.value.name!.value);
    for (const [key, value] of Object.entries(node)) if (key !== "loc" && value && typeof value === "object") walk(value);
  };
  walk(document);
  return [...names].sort();
}
