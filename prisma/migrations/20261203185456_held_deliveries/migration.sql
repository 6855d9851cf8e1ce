-- CreateTable
CREATE TABLE "platform"."held_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "event_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "channel" VARCHAR(20) NOT NULL,
    "kind" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL,
    "due_at" TIMESTAMPTZ(6) NOT NULL,
    "sent_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "held_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "held_deliveries_sent_at_due_at_idx" ON "platform"."held_deliveries"("sent_at", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "held_deliveries_event_id_user_id_channel_key" ON "platform"."held_deliveries"("event_id", "user_id", "channel");

-- Grants (hand-written): the property worker holds and later sends them.
GRANT SELECT, INSERT, UPDATE ON platform.held_deliveries TO ppt_property;
