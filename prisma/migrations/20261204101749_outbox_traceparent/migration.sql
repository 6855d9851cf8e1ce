-- AlterTable
ALTER TABLE "platform"."outbox" ADD COLUMN     "traceparent" VARCHAR(55);
