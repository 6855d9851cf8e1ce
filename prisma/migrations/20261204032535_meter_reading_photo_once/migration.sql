-- An upload is the photo of one reading only: a second attachment (another meter, or the same
-- reading again) is refused by the application with CONFLICT UPLOAD_ALREADY_ATTACHED, and this
-- index keeps it so even when two submissions race.
-- CreateIndex
CREATE UNIQUE INDEX "meter_readings_photo_upload_id_key" ON "property"."meter_readings"("photo_upload_id");
