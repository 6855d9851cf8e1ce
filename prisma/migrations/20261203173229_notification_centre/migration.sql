-- DropIndex
DROP INDEX "property"."notification_preferences_organization_id_user_id_channel_ev_key";

-- AlterTable
ALTER TABLE "property"."device_tokens" ADD COLUMN     "auth_secret" VARCHAR(100),
ADD COLUMN     "disabled_at" TIMESTAMPTZ(6),
ADD COLUMN     "p256dh" VARCHAR(200),
ALTER COLUMN "token" SET DATA TYPE VARCHAR(2048);

-- AlterTable
ALTER TABLE "property"."notification_preferences" DROP COLUMN "event_kind",
ADD COLUMN     "category" VARCHAR(40) NOT NULL;

-- AlterTable
ALTER TABLE "property"."notifications" ADD COLUMN     "category" VARCHAR(40) NOT NULL DEFAULT 'general';

-- CreateTable
CREATE TABLE "property"."notification_settings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "time_zone" VARCHAR(64) NOT NULL DEFAULT 'Europe/Bratislava',
    "language" VARCHAR(2) NOT NULL DEFAULT 'sk',
    "quiet_hours_start" SMALLINT,
    "quiet_hours_end" SMALLINT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "notification_settings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notification_settings_user_id_idx" ON "property"."notification_settings"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "notification_settings_organization_id_user_id_key" ON "property"."notification_settings"("organization_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "notification_preferences_organization_id_user_id_channel_ca_key" ON "property"."notification_preferences"("organization_id", "user_id", "channel", "category");

-- AddForeignKey
ALTER TABLE "property"."notification_settings" ADD CONSTRAINT "notification_settings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."notification_settings" ADD CONSTRAINT "notification_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: tenant isolation of the new table, and the notification centre's rows are their
-- owner's alone. A RESTRICTIVE policy is ANDed with tenant_isolation: within the organization a
-- row is visible only to the person it belongs to (`app.current_user`, set by every request's
-- transaction), or to the notification system itself (`app.notification_system = 'on'`, set only
-- by the worker code that creates notifications and delivers them for many recipients at once).
ALTER TABLE property.notification_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.notification_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.notification_settings
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

CREATE POLICY own_rows ON property.notifications AS RESTRICTIVE
  USING (user_id = NULLIF(current_setting('app.current_user', true), '')::uuid OR current_setting('app.notification_system', true) = 'on')
  WITH CHECK (user_id = NULLIF(current_setting('app.current_user', true), '')::uuid OR current_setting('app.notification_system', true) = 'on');

CREATE POLICY own_rows ON property.notification_preferences AS RESTRICTIVE
  USING (user_id = NULLIF(current_setting('app.current_user', true), '')::uuid OR current_setting('app.notification_system', true) = 'on')
  WITH CHECK (user_id = NULLIF(current_setting('app.current_user', true), '')::uuid OR current_setting('app.notification_system', true) = 'on');

CREATE POLICY own_rows ON property.notification_settings AS RESTRICTIVE
  USING (user_id = NULLIF(current_setting('app.current_user', true), '')::uuid OR current_setting('app.notification_system', true) = 'on')
  WITH CHECK (user_id = NULLIF(current_setting('app.current_user', true), '')::uuid OR current_setting('app.notification_system', true) = 'on');

CREATE POLICY own_rows ON property.device_tokens AS RESTRICTIVE
  USING (user_id = NULLIF(current_setting('app.current_user', true), '')::uuid OR current_setting('app.notification_system', true) = 'on')
  WITH CHECK (user_id = NULLIF(current_setting('app.current_user', true), '')::uuid OR current_setting('app.notification_system', true) = 'on');

-- Default privileges already cover new property tables; granted explicitly all the same.
GRANT SELECT, INSERT, UPDATE, DELETE ON property.notification_settings TO ppt_property;
GRANT SELECT, INSERT, UPDATE, DELETE ON property.notification_settings TO ppt_admin;
