-- CreateEnum
CREATE TYPE "platform"."job_run_status" AS ENUM ('running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "platform"."job_runs" (
    "id" UUID NOT NULL,
    "job_name" VARCHAR(100) NOT NULL,
    "scheduled_at" TIMESTAMPTZ(6) NOT NULL,
    "status" "platform"."job_run_status" NOT NULL DEFAULT 'running',
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "runner" VARCHAR(200) NOT NULL,
    "started_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(6) NOT NULL,
    "finished_at" TIMESTAMPTZ(6),
    "error" TEXT,

    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "job_runs_status_lease_until_idx" ON "platform"."job_runs"("status", "lease_until");

-- CreateIndex
CREATE UNIQUE INDEX "job_runs_job_name_scheduled_at_key" ON "platform"."job_runs"("job_name", "scheduled_at");

-- Grants (hand-written): every server process runs a scheduler, so both server roles claim,
-- finish and read job runs. Default privileges in platform cover only ppt_admin.
GRANT SELECT, INSERT, UPDATE ON platform.job_runs TO ppt_property, ppt_reality;
