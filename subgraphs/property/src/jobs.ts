// The property package's scheduled jobs and its worker (entry: worker.ts). They run on the kit's
// cron scheduler: each scheduled time of a job runs once across every worker replica, is recorded
// in platform.job_runs, and a run cut short by a crash is taken over. Each job is also safe to run
// again: it claims its rows with SKIP LOCKED and re-checks their state under the row lock
// (closeDueVotes: status; reminders and digests: their marker column; announcements: SCHEDULED;
// cleanupExpiredUploads marks a row EXPIRED only while it is still PENDING).
import { startWorker, type CronJob, type Logger, type ServerConfig } from "@ppt/server-kit";
import { propertyConsumers } from "./consumers.ts";
import { propertyLiveRoutes } from "./live-routes.ts";
import { publishDueAnnouncements } from "./modules/announcements/index.ts";
import { cleanupExpiredUploads } from "./modules/documents/index.ts";
import { writeUnreadMessageDigests } from "./modules/messages/index.ts";
import { writeMeterReminders } from "./modules/meters/index.ts";
import { heldChannelsFromEnv, sendHeldDeliveries, type OutboundChannels } from "./modules/notifications/index.ts";
import { anonymizeExpiredGuests, syncCalendarImports, writePoliceRegistrationReminders } from "./modules/rentals/index.ts";
import { closeDueVotes, writeVoteClosingReminders } from "./modules/voting/index.ts";

export interface PropertyJobOptions {
  /** One cron pattern for every job (tests, e.g. every second: "* * * * * *"); by default each job's own. */
  cron?: string;
}

export function propertyJobs(options: PropertyJobOptions = {}): CronJob[] {
  const every = (own: string) => options.cron ?? own;
  let held: OutboundChannels | undefined;
  return [
    // A vote should close close to its end time: residents watch the final tally arrive.
    { name: "property.close-due-votes", cron: every("*/15 * * * * *"), run: ({ prisma }) => closeDueVotes({ prisma }) },
    // 24 hours before a vote ends: a minute late is fine.
    { name: "property.vote-closing-reminders", cron: every("* * * * *"), run: ({ prisma }) => writeVoteClosingReminders({ prisma }) },
    // A scheduled announcement comes out at its instant (its readers see it from then on anyway).
    { name: "property.publish-due-announcements", cron: every("*/15 * * * * *"), run: ({ prisma }) => publishDueAnnouncements({ prisma }) },
    // Messages unread for a few minutes: one digest per participant and run.
    { name: "property.unread-message-digests", cron: every("* * * * *"), run: ({ prisma }) => writeUnreadMessageDigests({ prisma }) },
    // SMS and push held back by quiet hours go out when those end.
    {
      name: "property.send-held-notifications",
      cron: every("* * * * *"),
      run: ({ prisma, pool, config, logger }) => sendHeldDeliveries({ prisma, pool, config, logger, channels: (held ??= heldChannelsFromEnv(config.dataDir)) }),
    },
    // Upload URLs live 15 minutes: an unconfirmed upload a few minutes past that is abandoned.
    { name: "property.expire-uploads", cron: every("*/5 * * * *"), run: ({ prisma, storage }) => cleanupExpiredUploads({ prisma, storage }) },
    // Reading reminders are daily and verification notices weekly (the job itself keeps to that): hourly is enough.
    { name: "property.meter-reminders", cron: every("7 * * * *"), run: ({ prisma }) => writeMeterReminders({ prisma }) },
    // A foreign guest's report is due within working days: hourly reminders catch the day before.
    { name: "property.police-registration-reminders", cron: every("17 * * * *"), run: ({ prisma }) => writePoliceRegistrationReminders({ prisma }) },
    // Airbnb and Booking refresh their exports every few hours at best: every 30 minutes is enough.
    {
      name: "property.calendar-imports",
      cron: every("*/30 * * * *"),
      run: ({ prisma, config }) => syncCalendarImports({ prisma, allowPrivateHosts: config.outboundAllowPrivateHosts }),
    },
    // Guests' personal data past the retention period: a daily sweep is on time to the day.
    { name: "property.guest-data-retention", cron: every("37 3 * * *"), run: ({ prisma }) => anonymizeExpiredGuests({ prisma }) },
  ];
}

export function startPropertyWorker(config: ServerConfig, options: PropertyJobOptions & { port: number; logger?: Logger; jobs?: CronJob[] }) {
  return startWorker({
    name: "property",
    role: "property",
    config,
    liveRoutes: propertyLiveRoutes,
    consumers: propertyConsumers,
    cronJobs: [...propertyJobs(options), ...(options.jobs ?? [])],
    port: options.port,
    logger: options.logger,
  });
}
