-- A foreign guest's registration whose deadline passed unreported tells the unit's owners once:
-- the reminder job sets overdue_notified_at in the transaction that writes
-- `rental.police_registration_overdue` (rows another replica holds are skipped). A deadline
-- moved by new stay dates clears it, so the new deadline is watched again.
ALTER TABLE "property"."police_registrations" ADD COLUMN     "overdue_notified_at" TIMESTAMPTZ(6);
