-- AlterTable
ALTER TABLE "property"."guests" ADD COLUMN     "age_at_arrival" INTEGER,
ADD COLUMN     "anonymized_at" TIMESTAMPTZ(6);

-- Hand-written ------------------------------------------------------------------------------------
ALTER TABLE property.guests ADD CONSTRAINT guests_age_at_arrival_chk CHECK (age_at_arrival IS NULL OR age_at_arrival BETWEEN 0 AND 130);
