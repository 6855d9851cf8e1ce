// How long one subgraph request may take, decided by what it does: reads fail fast (a hung
// subgraph costs the caller seconds, not the whole request), ordinary writes get a little more,
// and only the bulk operations (thousands of rows in one call) get a long budget.
import { Kind, OperationTypeNode, parse, type OperationDefinitionNode } from "graphql";

export type Budget = "read" | "write" | "bulk";

export interface SubgraphTimeouts {
  readMs: number;
  writeMs: number;
  bulkMs: number;
}

/**
 * Root fields that legitimately run long: set-based edits and feed import/export of a whole agency,
 * and a cooperative's month issued for every unit or a bank statement or a meter-reading file of thousands of entries.
 */
const BULK_ROOT_FIELDS = new Set([
  "bulkUpdateListings",
  "importListingFeed",
  "exportListingFeed",
  "issueInvoices",
  "importBankStatement",
  "importMeterReadings",
]);

/** The gateway sends a handful of distinct query plans' fetches: remembering them spares a parse per request. */
const CACHE_LIMIT = 1_000;

export class OperationBudgets {
  private readonly cache = new Map<string, Budget>();

  constructor(private readonly timeouts: SubgraphTimeouts) {}

  budgetOf(query: string | undefined): Budget {
    if (!query) return "read";
    let budget = this.cache.get(query);
    if (!budget) {
      budget = classify(query);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(query, budget);
    }
    return budget;
  }

  timeoutMs(query: string | undefined): number {
    const budget = this.budgetOf(query);
    return budget === "bulk" ? this.timeouts.bulkMs : budget === "write" ? this.timeouts.writeMs : this.timeouts.readMs;
  }
}

function classify(query: string): Budget {
  try {
    const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation) return "read";
    const roots = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
    if (roots.some((name) => BULK_ROOT_FIELDS.has(name))) return "bulk";
    return operation.operation === OperationTypeNode.MUTATION ? "write" : "read";
  } catch {
    return "read";
  }
}
