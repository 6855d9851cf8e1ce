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

interface Classified {
  budget: Budget;
  /** A query operation (not a mutation or subscription, and it parsed). */
  query: boolean;
}

export class OperationBudgets {
  private readonly cache = new Map<string, Classified>();

  constructor(private readonly timeouts: SubgraphTimeouts) {}

  private classified(query: string): Classified {
    let classified = this.cache.get(query);
    if (!classified) {
      classified = classify(query);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(query, classified);
    }
    return classified;
  }

  budgetOf(query: string | undefined): Budget {
    return query ? this.classified(query).budget : "read";
  }

  /** Only a query may share another request's answer (in-flight deduplication). */
  isQuery(query: string | undefined): boolean {
    return query ? this.classified(query).query : false;
  }

  timeoutMs(query: string | undefined): number {
    const budget = this.budgetOf(query);
    return budget === "bulk" ? this.timeouts.bulkMs : budget === "write" ? this.timeouts.writeMs : this.timeouts.readMs;
  }
}

function classify(query: string): Classified {
  try {
    const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation) return { budget: "read", query: false };
    const roots = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
    const isQuery = operation.operation === OperationTypeNode.QUERY;
    if (roots.some((name) => BULK_ROOT_FIELDS.has(name))) return { budget: "bulk", query: isQuery };
    return { budget: operation.operation === OperationTypeNode.MUTATION ? "write" : "read", query: isQuery };
  } catch {
    return { budget: "read", query: false };
  }
}
