-- CreateEnum
CREATE TYPE "platform"."delivery_status" AS ENUM ('pending', 'sent', 'failed', 'suppressed');

-- CreateTable
CREATE TABLE "platform"."deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "event_id" UUID NOT NULL,
    "recipient" VARCHAR(320) NOT NULL,
    "channel" VARCHAR(20) NOT NULL,
    "consumer" VARCHAR(100) NOT NULL,
    "kind" VARCHAR(100) NOT NULL,
    "status" "platform"."delivery_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" VARCHAR(1000),
    "provider_id" VARCHAR(300),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(6),

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform"."delivery_attempts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "delivery_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "outcome" VARCHAR(20) NOT NULL,
    "detail" VARCHAR(1000),
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform"."disabled_addresses" (
    "channel" VARCHAR(20) NOT NULL,
    "address" VARCHAR(2000) NOT NULL,
    "reason" VARCHAR(1000) NOT NULL,
    "disabled_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "disabled_addresses_pkey" PRIMARY KEY ("channel","address")
);

-- CreateIndex
CREATE INDEX "deliveries_status_updated_at_idx" ON "platform"."deliveries"("status", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "deliveries_event_id_recipient_channel_key" ON "platform"."deliveries"("event_id", "recipient", "channel");

-- CreateIndex
CREATE INDEX "delivery_attempts_delivery_id_idx" ON "platform"."delivery_attempts"("delivery_id");

-- AddForeignKey
ALTER TABLE "platform"."delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "platform"."deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Grants (hand-written): the workers of both subgraphs deliver mail (management accounts and
-- invitations from property, portal accounts from reality) and record it here; neither deletes.
-- Platform-wide rows (a portal account has no organization), so no tenant policy: the roles that
-- deliver are the only ones that see them.
GRANT SELECT, INSERT, UPDATE ON platform.deliveries, platform.delivery_attempts, platform.disabled_addresses TO ppt_property, ppt_reality;

-- The outbox carries one-time tokens to the mail workers (verification, reset, invitation links):
-- each server role sees only the rows it wrote (its relay claims only those anyway). The admin
-- role bypasses RLS; the owner (migrations, not forced) is unaffected.
ALTER TABLE platform.outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY outbox_own_rows ON platform.outbox FOR ALL TO ppt_property, ppt_reality
  USING (source = current_user) WITH CHECK (source = current_user);
