// What other modules' mail says about listings (title, place, price), read set-based by id.
import type { PrismaClient } from "@ppt/db/client";
import type { Tx } from "@ppt/server-kit";

export interface ListingMailFacts {
  id: string;
  title: string;
  city: string;
  district: string | null;
  price: string;
  currency: string;
  status: string;
  realtorId: string | null;
  expiresAt: Date | null;
}

export async function listingMailFacts(db: PrismaClient | Tx, ids: readonly string[]): Promise<ListingMailFacts[]> {
  if (!ids.length) return [];
  const rows = await db.listing.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, title: true, city: true, district: true, price: true, currency: true, status: true, realtorId: true, expiresAt: true },
  });
  const byId = new Map(rows.map((r) => [r.id, { ...r, price: r.price.toString() }]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The listing's public page on the portal. */
export function listingUrl(portalUrl: string, listingId: string): string {
  return `${portalUrl}/inzerat/${listingId}`;
}

/** "150 000 €" / "€150,000" in the reader's language. */
export function formatPrice(price: string, currency: string, language: "sk" | "en"): string {
  try {
    return new Intl.NumberFormat(language === "en" ? "en-GB" : "sk-SK", { style: "currency", currency, maximumFractionDigits: 0 }).format(Number(price));
  } catch {
    return `${price} ${currency}`;
  }
}
