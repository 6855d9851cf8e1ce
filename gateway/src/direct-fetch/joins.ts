// The entity fetches of a plan the direct lane runs itself: the root fetch's answer, then for each
// `Flatten` step the objects at its path, their representations (the key fields the step
// requires), one `_entities` request, and each entity merged back into its object — Apollo
// Gateway's own rules (executeQueryPlan.ts), kept to the plans routes.ts admits: no rewrites, and
// a step's keys are read from one object type. What the plan asks beyond that stays Apollo's.
import type { QueryPlanSelectionNode } from "@apollo/query-planner";

export type JsonObject = Record<string, unknown>;

/**
 * Whether an entity fetch's `_entities` can be merged: one object or null for each of the
 * `representations` sent. Apollo Gateway's executor merges them unchecked (and fails the whole
 * request on anything else), so both the direct lane and the data source check this first.
 */
export function holdsOneEntityEach(entities: unknown, representations: number): entities is (JsonObject | null)[] {
  return (
    Array.isArray(entities) &&
    entities.length === representations &&
    entities.every((entity) => entity === null || (typeof entity === "object" && !Array.isArray(entity)))
  );
}

/** The objects at a plan path (`@` walks a list), nulls dropped: the entities a step joins to. */
export function entitiesAt(data: unknown, path: readonly (string | number)[]): JsonObject[] {
  const found = valuesAt(data, path);
  return (Array.isArray(found) ? found : [found]).filter((value): value is JsonObject => value !== null && value !== undefined);
}

function valuesAt(value: unknown, path: readonly (string | number)[]): unknown {
  if (path.length === 0 || value === null || value === undefined) return value;
  const [head, ...rest] = path;
  if (head === "@") return (value as unknown[]).flatMap((element) => valuesAt(element, rest));
  return valuesAt(Object.hasOwn(value, head as string) ? (value as JsonObject)[head as string] : undefined, rest);
}

/**
 * An entity's representation: the fields its step requires, read from the object (null when one
 * is missing). An inline fragment applies when the object's `__typename` is its type: routes.ts
 * admits only object types there, for which that is Apollo's test too.
 */
export function representationOf(source: JsonObject | null, selections: readonly QueryPlanSelectionNode[]): JsonObject | null {
  if (source === null) return null;
  const result = Object.create(null) as JsonObject;
  for (const selection of selections) {
    if (selection.kind === "Field") {
      const name = selection.alias ?? selection.name;
      const value = source[name];
      if (!Object.hasOwn(source, name) || value === undefined) return null;
      const nested = selection.selections;
      if (Array.isArray(value))
        result[name] = (value as unknown[]).map((element) => (nested ? representationOf(element as JsonObject | null, nested) : element));
      else result[name] = nested ? representationOf(value as JsonObject | null, nested) : value;
    } else if (selection.typeCondition && source.__typename === selection.typeCondition) {
      mergeInto(result, representationOf(source, selection.selections));
    }
  }
  return result;
}

/** Merges a subgraph's object into the result built so far (Apollo Gateway's deep merge: objects field by field, lists of one length element-wise). */
export function mergeInto(target: JsonObject, source: JsonObject | null | undefined): JsonObject {
  if (source === null || source === undefined) return target;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    // An own property even for a response key named like `__proto__` (an alias may be).
    if (!Object.hasOwn(target, key)) Object.defineProperty(target, key, { value: undefined, writable: true, enumerable: true, configurable: true });
    const known = target[key];
    if (known && isObject(value)) mergeInto(known as JsonObject, value);
    else if (Array.isArray(value) && Array.isArray(known) && value.length === known.length) {
      const [into, from] = [known as unknown[], value as unknown[]];
      for (let i = 0; i < from.length; i++) {
        if (isObject(into[i]) && isObject(from[i])) mergeInto(into[i] as JsonObject, from[i] as JsonObject);
        else into[i] = from[i];
      }
    } else target[key] = value;
  }
  return target;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
