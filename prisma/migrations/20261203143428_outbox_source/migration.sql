-- DropIndex
DROP INDEX "platform"."outbox_published_at_created_at_idx";

-- AlterTable
ALTER TABLE "platform"."outbox" ADD COLUMN     "source" VARCHAR(63) NOT NULL DEFAULT CURRENT_USER;

-- CreateIndex
CREATE INDEX "outbox_source_published_at_created_at_idx" ON "platform"."outbox"("source", "published_at", "created_at");

-- Rows still waiting at the upgrade belong to the subgraph that wrote them (hand-written: the
-- default above stamped them with the migrating role, whose rows no relay claims).
UPDATE "platform"."outbox"
   SET "source" = CASE WHEN "aggregate_type" IN ('listing', 'viewing', 'inquiry', 'saved_search', 'portal_user', 'agency', 'realtor') THEN 'ppt_reality' ELSE 'ppt_property' END
 WHERE "published_at" IS NULL;
