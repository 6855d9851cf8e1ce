// Exporting an agency's listings in the feed format (what import reads back unchanged).
import type { PrismaClient } from "@ppt/db/client";
import { feedExportRows } from "../listings/index.ts";
import { realtorsByIds } from "../realtors/index.ts";
import { buildFeed } from "./feed-xml.ts";

/** Every listing of the agency except archived ones; a listing made on the portal is exported under its own id. */
export async function exportFeed(db: PrismaClient, agencyId: string): Promise<string> {
  const rows = await feedExportRows(db, agencyId);
  const realtorIds = [...new Set(rows.flatMap((row) => (row.realtorId ? [row.realtorId] : [])))];
  const emails = new Map((await realtorsByIds(db, realtorIds)).map((r) => [r.id, r.email?.toLowerCase() ?? null]));
  return buildFeed(
    rows.map(({ realtorId, ...row }) => ({ ...row, translations: row.translations ?? {}, realtorEmail: realtorId ? (emails.get(realtorId) ?? null) : null })),
  );
}
