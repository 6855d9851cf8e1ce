// Portal listings that read like real Slovak ones: titles built from type, rooms and place, sizes
// that fit the room count, sale prices and rents in each city's market range, and statuses that
// obey the listing rules (only a sale is SOLD, only a rent is RENTED, published ones state their
// energy class, each listed by a realtor of its own agency), so an agency's exported feed imports
// back unchanged.
import { daysFromReference, pick } from "./ids.ts";
import type { City } from "./places.ts";

export type PropertyType = "APARTMENT" | "HOUSE" | "COMMERCIAL" | "LAND";
export type TransactionType = "SALE" | "RENT";
export type ListingStatus = "DRAFT" | "ACTIVE" | "RESERVED" | "SOLD" | "RENTED" | "ARCHIVED";

/** €/m² ranges of late-2025 asking prices: sale of flats and houses, monthly rent, building land. */
interface Market {
  sale: [number, number];
  rent: [number, number];
  land: [number, number];
}
const MARKETS: Record<string, Market> = {
  Bratislava: { sale: [3_500, 5_000], rent: [13, 18], land: [180, 380] },
  Košice: { sale: [2_200, 3_000], rent: [10, 14], land: [70, 140] },
  Žilina: { sale: [2_000, 2_700], rent: [10, 13], land: [60, 120] },
  Trnava: { sale: [2_000, 2_600], rent: [10, 13], land: [70, 130] },
  Nitra: { sale: [1_800, 2_400], rent: [9, 12], land: [50, 100] },
};
const SMALL_TOWN: Market = { sale: [1_200, 2_000], rent: [8, 11], land: [25, 70] };

export const marketOf = (city: string): Market => MARKETS[city] ?? SMALL_TOWN;

const between = (random: () => number, [low, high]: [number, number]) => low + random() * (high - low);
const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);

/** Floor areas people expect for a flat of n rooms. */
const FLAT_SIZES: Record<number, [number, number]> = { 1: [26, 40], 2: [44, 62], 3: [63, 86], 4: [82, 110], 5: [105, 140] };

export interface ListingFacts {
  propertyType: PropertyType;
  transactionType: TransactionType;
  rooms: number | null;
  sizeSqm: number | null;
  landSizeSqm: number | null;
  price: number;
  title: string;
  description: string;
  en: string;
}

const place = (city: City, district: string) => (district === city.name ? city.name : `${city.name} – ${district}`);

export function flatTitle(rooms: number, city: string, district: string): string {
  return `${rooms === 1 ? "Garsónka" : `${rooms}-izbový byt`}, ${district === city ? city : `${city} – ${district}`}`;
}

/** A sale price (rounded like asking prices) or a monthly rent for `sqm` in `city`. */
export function askingPrice(random: () => number, city: string, type: PropertyType, transaction: TransactionType, sqm: number): number {
  const market = marketOf(city);
  if (type === "LAND") return roundTo(sqm * between(random, market.land), 1_000);
  if (transaction === "RENT") return roundTo(sqm * between(random, market.rent), 10);
  // Houses sell for a little less per m² than flats; commercial space a little more.
  const factor = type === "HOUSE" ? 0.8 : type === "COMMERCIAL" ? 1.1 : 1;
  return roundTo(sqm * between(random, market.sale) * factor, 1_000);
}

export function listingFacts(random: () => number, city: City, district: string, propertyType: PropertyType): ListingFacts {
  // Building land is sold, not let.
  const transactionType: TransactionType = propertyType !== "LAND" && random() < 0.3 ? "RENT" : "SALE";
  const rent = transactionType === "RENT";
  const where = place(city, district);
  switch (propertyType) {
    case "APARTMENT": {
      const rooms = pick(random, [1, 2, 2, 3, 3, 3, 4, 4, 5]);
      const sizeSqm = Math.round(between(random, FLAT_SIZES[rooms]!));
      const title = flatTitle(rooms, city.name, district);
      return {
        propertyType,
        transactionType,
        rooms,
        sizeSqm,
        landSizeSqm: null,
        price: askingPrice(random, city.name, propertyType, transactionType, sizeSqm),
        title,
        description: `${rooms === 1 ? "Garsónka" : `${rooms}-izbový byt`} s výmerou ${sizeSqm} m² v lokalite ${where}. ${rent ? "Ponúkame na prenájom" : "Ponúkame na predaj"}.`,
        en: `${rooms === 1 ? "Studio" : `${rooms}-room flat`} of ${sizeSqm} m² in ${where}, for ${rent ? "rent" : "sale"}.`,
      };
    }
    case "HOUSE": {
      const rooms = 3 + Math.floor(random() * 4);
      const sizeSqm = Math.round(70 + rooms * 20 + random() * 40);
      const landSizeSqm = roundTo(350 + random() * 900, 10);
      return {
        propertyType,
        transactionType,
        rooms,
        sizeSqm,
        landSizeSqm,
        price: askingPrice(random, city.name, propertyType, transactionType, sizeSqm),
        title: `${rooms}-izbový rodinný dom, ${where}`,
        description: `Rodinný dom (${rooms} izby, ${sizeSqm} m²) s pozemkom ${landSizeSqm} m², ${where}. ${rent ? "Ponúkame na prenájom" : "Ponúkame na predaj"}.`,
        en: `${rooms}-room family house of ${sizeSqm} m² on a ${landSizeSqm} m² plot in ${where}, for ${rent ? "rent" : "sale"}.`,
      };
    }
    case "LAND": {
      const landSizeSqm = roundTo(400 + random() * 1_100, 10);
      return {
        propertyType,
        transactionType,
        rooms: null,
        sizeSqm: null,
        landSizeSqm,
        price: askingPrice(random, city.name, propertyType, transactionType, landSizeSqm),
        title: `Stavebný pozemok ${landSizeSqm} m², ${where}`,
        description: `Rovinatý stavebný pozemok s výmerou ${landSizeSqm} m², inžinierske siete pri pozemku, ${where}.`,
        en: `Building plot of ${landSizeSqm} m² in ${where}, utilities at the boundary.`,
      };
    }
    case "COMMERCIAL": {
      const sizeSqm = roundTo(40 + random() * 160, 5);
      return {
        propertyType,
        transactionType,
        rooms: null,
        sizeSqm,
        landSizeSqm: null,
        price: askingPrice(random, city.name, propertyType, transactionType, sizeSqm),
        title: `Obchodný priestor ${sizeSqm} m², ${where}`,
        description: `Obchodný priestor s výmerou ${sizeSqm} m² a výkladom do ulice, ${where}. ${rent ? "Ponúkame na prenájom" : "Ponúkame na predaj"}.`,
        en: `Retail space of ${sizeSqm} m² with a street-front window in ${where}, for ${rent ? "rent" : "sale"}.`,
      };
    }
  }
}

/** Mostly active; the rest in the states a real offer passes through (a rent is RENTED, a sale SOLD). */
export function listingStatus(roll: number, transaction: TransactionType): ListingStatus {
  if (roll < 0.8) return "ACTIVE";
  if (roll < 0.86) return "DRAFT";
  if (roll < 0.92) return "RESERVED";
  if (roll < 0.96) return transaction === "SALE" ? "SOLD" : "RENTED";
  return "ARCHIVED";
}

export const publishedAt = (random: () => number, status: ListingStatus) => (status === "DRAFT" ? null : daysFromReference(-Math.floor(random() * 90)));
