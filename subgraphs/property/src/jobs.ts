// The property package's scheduled jobs and its worker (entry: worker.ts). Each job is safe to
// run again at any time and on several replicas at once (the kit's advisory lock only saves the
// duplicate work): closeDueVotes skips vote rows another closer holds (SKIP LOCKED) and
// re-checks the status under the row lock; cleanupExpiredUploads marks a row EXPIRED only while
// it is still PENDING.
import { startWorker, type Logger, type ScheduledJob, type ServerConfig } from "@ppt/server-kit";
import { propertyConsumers } from "./consumers.ts";
import { propertyLiveRoutes } from "./live-routes.ts";
import { cleanupExpiredUploads } from "./modules/documents/index.ts";
import { writeMeterReminders } from "./modules/meters/index.ts";
import { anonymizeExpiredGuests, syncCalendarImports, writePoliceRegistrationReminders } from "./modules/rentals/index.ts";
import { closeDueVotes } from "./modules/voting/index.ts";

export interface PropertyJobOptions {
  /** One interval for every job (tests); by default each job's own. */
  intervalMs?: number;
}

export function propertyJobs(options: PropertyJobOptions = {}): ScheduledJob[] {
  return [
    // A vote should close close to its end time: residents watch the final tally arrive.
    { name: "property.close-due-votes", intervalMs: options.intervalMs ?? 30_000, run: ({ prisma }) => closeDueVotes({ prisma }) },
    // Upload URLs live 15 minutes: an unconfirmed upload a few minutes past that is abandoned.
    { name: "property.expire-uploads", intervalMs: options.intervalMs ?? 5 * 60_000, run: ({ prisma, storage }) => cleanupExpiredUploads({ prisma, storage }) },
    // Reading reminders are daily and verification notices weekly (the job itself keeps to that): hourly is enough.
    { name: "property.meter-reminders", intervalMs: options.intervalMs ?? 60 * 60_000, run: ({ prisma }) => writeMeterReminders({ prisma }) },
    // A foreign guest's report is due within working days: hourly reminders catch the day before.
    {
      name: "property.police-registration-reminders",
      intervalMs: options.intervalMs ?? 60 * 60_000,
      run: ({ prisma }) => writePoliceRegistrationReminders({ prisma }),
    },
    // Airbnb and Booking refresh their exports every few hours at best: every 30 minutes is enough.
    { name: "property.calendar-imports", intervalMs: options.intervalMs ?? 30 * 60_000, run: ({ prisma }) => syncCalendarImports({ prisma }) },
    // Guests' personal data past the retention period: a daily sweep is on time to the day.
    { name: "property.guest-data-retention", intervalMs: options.intervalMs ?? 24 * 60 * 60_000, run: ({ prisma }) => anonymizeExpiredGuests({ prisma }) },
  ];
}

export function startPropertyWorker(config: ServerConfig, options: PropertyJobOptions & { port: number; logger?: Logger; jobs?: ScheduledJob[] }) {
  return startWorker({
    name: "property",
    role: "property",
    config,
    liveRoutes: propertyLiveRoutes,
    consumers: propertyConsumers,
    jobs: [...propertyJobs(options), ...(options.jobs ?? [])],
    port: options.port,
    logger: options.logger,
  });
}
