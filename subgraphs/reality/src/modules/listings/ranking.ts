// Which way this database ranks full text (listing-sql.ts, `Ranking`): with the RUM indexes where
// the migration could create them, else by scoring every match. Asked once per database client:
// indexes change with migrations, which a deployment runs before it starts the new processes.
import type { PrismaClient } from "@ppt/server-kit";
import type { Ranking } from "./listing-sql.ts";

/** Both must exist (migration 20261204130000_search_rum): a page reads one for each part. */
const RUM_INDEXES = ["listings_public_words_rum_idx", "listings_public_featured_words_rum_idx"];

const known = new WeakMap<PrismaClient, Promise<Ranking>>();

export function rankingOf(db: PrismaClient): Promise<Ranking> {
  let ranking = known.get(db);
  if (!ranking) {
    ranking = db.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM pg_catalog.pg_indexes WHERE schemaname = 'reality' AND indexname = ANY(${RUM_INDEXES})`.then(([row]) =>
      row?.n === RUM_INDEXES.length ? "index" : "scan",
    );
    // A failed look-up is asked again by the next search.
    ranking.catch(() => known.delete(db));
    known.set(db, ranking);
  }
  return ranking;
}
