-- AlterTable
ALTER TABLE "property"."conversation_participants" ADD COLUMN     "digested_at" TIMESTAMPTZ(6);

-- AlterTable
ALTER TABLE "property"."votes" ADD COLUMN     "closing_reminder_at" TIMESTAMPTZ(6);
