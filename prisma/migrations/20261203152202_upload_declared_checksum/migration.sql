-- AlterTable
ALTER TABLE "property"."file_uploads" ADD COLUMN     "declared_checksum" CHAR(64);

-- AlterTable
ALTER TABLE "reality"."listing_photos" ADD COLUMN     "declared_checksum" CHAR(64);
