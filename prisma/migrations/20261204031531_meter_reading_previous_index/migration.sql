-- The consumption query finds each counted reading's previous reading of the same meter in the
-- order (read_at, created_at, id) by one backward probe of this index, instead of numbering every
-- reading the meter ever had; it replaces the (meter_id, read_at) index, its prefix.
-- DropIndex
DROP INDEX "property"."meter_readings_meter_id_read_at_idx";

-- CreateIndex
CREATE INDEX "meter_readings_meter_id_read_at_created_at_id_idx" ON "property"."meter_readings"("meter_id", "read_at", "created_at", "id");
