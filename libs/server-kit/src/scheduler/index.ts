export { Scheduler, type JobContext, type ScheduledJob, type SchedulerOptions } from "./scheduler.ts";
