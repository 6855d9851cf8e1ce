// The reality package's scheduled jobs and its worker (entry: worker.ts). archiveExpiredListings
// is one set-based UPDATE guarded by the listing's status: two replicas running it at once
// archive (and announce) each listing once.
import { startWorker, type Logger, type ScheduledJob, type ServerConfig } from "@ppt/server-kit";
import { realityLiveRoutes } from "./live-routes.ts";
import { realityConsumers } from "./consumers.ts";
import { queueSavedSearchDigests } from "./modules/favorites/index.ts";
import { announceExpiringListings, archiveExpiredListings } from "./modules/listings/index.ts";

export interface RealityJobOptions {
  /** One interval for every job (tests); by default each job's own. */
  intervalMs?: number;
}

export function realityJobs(options: RealityJobOptions = {}): ScheduledJob[] {
  // Searches stop showing a listing at its expiry already: archiving it is bookkeeping.
  return [
    { name: "reality.archive-expired-listings", intervalMs: options.intervalMs ?? 5 * 60_000, run: ({ prisma }) => archiveExpiredListings(prisma) },
    // Each saved search's digest is due a day (a week) after its last one: checking every 15 minutes keeps that rhythm.
    { name: "reality.saved-search-digests", intervalMs: options.intervalMs ?? 15 * 60_000, run: ({ prisma }) => queueSavedSearchDigests(prisma) },
    // Realtors hear EXPIRY_NOTICE_DAYS ahead, once per listing and expiry date.
    { name: "reality.announce-expiring-listings", intervalMs: options.intervalMs ?? 60 * 60_000, run: ({ prisma }) => announceExpiringListings(prisma) },
  ];
}

export function startRealityWorker(config: ServerConfig, options: RealityJobOptions & { port: number; logger?: Logger; jobs?: ScheduledJob[] }) {
  return startWorker({
    name: "reality",
    role: "reality",
    config,
    liveRoutes: realityLiveRoutes,
    consumers: realityConsumers,
    jobs: [...realityJobs(options), ...(options.jobs ?? [])],
    port: options.port,
    logger: options.logger,
  });
}
