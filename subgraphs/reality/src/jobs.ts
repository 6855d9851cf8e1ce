// The reality package's scheduled jobs and its worker (entry: worker.ts). They run on the kit's
// cron scheduler: each scheduled time of a job runs once across every worker replica, recorded in
// platform.job_runs. Each is also safe to run again: archiveExpiredListings is one set-based
// UPDATE guarded by the listing's status, so two runs at once archive (and announce) each listing
// once; digests and expiry notices keep a marker per search or listing.
import { startWorker, type CronJob, type Logger, type ServerConfig } from "@ppt/server-kit";
import { realityLiveRoutes } from "./live-routes.ts";
import { realityConsumers } from "./consumers.ts";
import { queueSavedSearchDigests } from "./modules/favorites/index.ts";
import { announceExpiringListings, archiveExpiredListings } from "./modules/listings/index.ts";

export interface RealityJobOptions {
  /** One cron pattern for every job (tests, e.g. every second: "* * * * * *"); by default each job's own. */
  cron?: string;
}

export function realityJobs(options: RealityJobOptions = {}): CronJob[] {
  const every = (own: string) => options.cron ?? own;
  return [
    // Searches stop showing a listing at its expiry already: archiving it is bookkeeping.
    { name: "reality.archive-expired-listings", cron: every("*/5 * * * *"), run: ({ prisma }) => archiveExpiredListings(prisma) },
    // Each saved search's digest is due a day (a week) after its last one: checking every 15 minutes keeps that rhythm.
    { name: "reality.saved-search-digests", cron: every("*/15 * * * *"), run: ({ prisma }) => queueSavedSearchDigests(prisma) },
    // Realtors hear EXPIRY_NOTICE_DAYS ahead, once per listing and expiry date.
    { name: "reality.announce-expiring-listings", cron: every("27 * * * *"), run: ({ prisma }) => announceExpiringListings(prisma) },
  ];
}

export function startRealityWorker(config: ServerConfig, options: RealityJobOptions & { port: number; logger?: Logger; jobs?: CronJob[] }) {
  return startWorker({
    name: "reality",
    role: "reality",
    config,
    liveRoutes: realityLiveRoutes,
    consumers: realityConsumers,
    cronJobs: [...realityJobs(options), ...(options.jobs ?? [])],
    port: options.port,
    logger: options.logger,
  });
}
