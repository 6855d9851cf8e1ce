// The annual settlement (ročné vyúčtovanie) of a building's services: each service's actual cost
// for the year is allocated over the units by its key, and each unit's share is set against the
// advances it paid for that service. The repair fund is not settled: its contributions stay in the
// fund, so it never appears here.
import { AppError } from "@ppt/server-kit";
import { allocate, type AllocationShare } from "./allocation.ts";
import { sumCents, type Cents } from "./money.ts";

export interface SettledService {
  serviceId: string;
  /** "Teplo", "Studená voda", "Výťah"... */
  name: string;
  /** The year's actual cost of the whole building (invoices of suppliers). */
  actualCost: Cents;
  /** Every unit's weight under this service's key (all units, so the parts add up to the cost). */
  shares: AllocationShare[];
}

export interface SettlementLine {
  serviceId: string;
  name: string;
  allocationKey: AllocationShare["key"]["kind"];
  cost: Cents;
  advancesPaid: Cents;
  /** advances − cost: positive is an overpayment (preplatok), negative an arrear (nedoplatok). */
  difference: Cents;
}

export interface UnitSettlement {
  year: number;
  unitId: string;
  lines: SettlementLine[];
  totalCost: Cents;
  totalAdvances: Cents;
  difference: Cents;
  result: "OVERPAYMENT" | "ARREAR" | "SETTLED";
}

export interface BuildingSettlementInput {
  year: number;
  services: SettledService[];
  /** Advances each unit paid per service during the year: unitId → serviceId → cents. */
  advancesPaid: ReadonlyMap<string, ReadonlyMap<string, Cents>>;
}

/** Settles every unit of a building; the costs allocated over all units add up to each service's cost. */
export function settleBuilding(input: BuildingSettlementInput): UnitSettlement[] {
  const costs = new Map<string, Map<string, Cents>>(); // unitId → serviceId → cost
  for (const service of input.services) {
    if (service.actualCost < 0n) throw AppError.badInput(`Negative cost of ${service.name}`, { reason: "INVALID_AMOUNT" });
    for (const part of allocate(service.actualCost, service.shares)) {
      const unitCosts = costs.get(part.unitId) ?? new Map<string, Cents>();
      unitCosts.set(service.serviceId, part.amount);
      costs.set(part.unitId, unitCosts);
    }
  }
  for (const unitId of input.advancesPaid.keys()) {
    if (!costs.has(unitId)) throw AppError.badInput(`Unit ${unitId} paid advances but takes part in no service`, { reason: "UNKNOWN_UNIT" });
  }
  const services = input.services.map((s) => ({ serviceId: s.serviceId, name: s.name, allocationKey: s.shares[0]!.key.kind }));
  return settleAllocated(input.year, services, costs, input.advancesPaid);
}

export interface SettledServiceName {
  serviceId: string;
  name: string;
  allocationKey: SettlementLine["allocationKey"];
}

/**
 * Settles units whose costs are already allocated (unitId → serviceId → cents, e.g. the stored
 * parts of the year's supplier invoices) against their advances. A unit gets a line for every
 * service it bore a cost of or paid advances for (an advance with no cost is all overpaid).
 */
export function settleAllocated(
  year: number,
  services: readonly SettledServiceName[],
  costs: ReadonlyMap<string, ReadonlyMap<string, Cents>>,
  advancesPaid: ReadonlyMap<string, ReadonlyMap<string, Cents>>,
): UnitSettlement[] {
  const unitIds = [...new Set([...costs.keys(), ...advancesPaid.keys()])].sort();
  return unitIds.map((unitId) => {
    const unitCosts = costs.get(unitId);
    const paid = advancesPaid.get(unitId);
    const lines = services
      .filter((service) => unitCosts?.has(service.serviceId) || paid?.has(service.serviceId))
      .map((service): SettlementLine => {
        const cost = unitCosts?.get(service.serviceId) ?? 0n;
        const advances = paid?.get(service.serviceId) ?? 0n;
        return {
          serviceId: service.serviceId,
          name: service.name,
          allocationKey: service.allocationKey,
          cost,
          advancesPaid: advances,
          difference: advances - cost,
        };
      });
    const totalCost = sumCents(lines.map((l) => l.cost));
    const totalAdvances = sumCents(lines.map((l) => l.advancesPaid));
    const difference = totalAdvances - totalCost;
    return {
      year,
      unitId,
      lines,
      totalCost,
      totalAdvances,
      difference,
      result: difference > 0n ? "OVERPAYMENT" : difference < 0n ? "ARREAR" : "SETTLED",
    };
  });
}
