-- The realtor's mail opt-out (the unsubscribe link of inquiry, viewing and expiry mail) and the expiry date a
-- listing's realtor was last told about. Both tables keep their grants (ppt_reality: table-level).
-- AlterTable
ALTER TABLE "reality"."listings" ADD COLUMN     "expiry_notice_for" TIMESTAMPTZ(6);

-- AlterTable
ALTER TABLE "reality"."realtors" ADD COLUMN     "mail_opt_out_at" TIMESTAMPTZ(6);
