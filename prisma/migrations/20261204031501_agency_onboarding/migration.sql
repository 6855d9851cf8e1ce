-- Agencies onboard themselves: IČ DPH, areas served, verification (by a link mailed to an address
-- on the agency's web domain, or by a platform super administrator), invitations of realtors by
-- e-mail, and the roles OWNER / ADMIN / REALTOR in place of ADMIN / MEMBER.

-- CreateEnum
CREATE TYPE "reality"."AgencyVerificationMethod" AS ENUM ('DOMAIN_EMAIL', 'PLATFORM_ADMIN');

-- AlterEnum, keeping every membership: MEMBER becomes REALTOR, ADMIN stays ADMIN, and the
-- longest-standing current ADMIN of each agency becomes its OWNER (an agency always has one).
BEGIN;
CREATE TYPE "reality"."AgencyRealtorRole_new" AS ENUM ('OWNER', 'ADMIN', 'REALTOR');
ALTER TABLE "reality"."agency_realtors" ALTER COLUMN "role" DROP DEFAULT;
ALTER TABLE "reality"."agency_realtors" ALTER COLUMN "role" TYPE "reality"."AgencyRealtorRole_new"
  USING (CASE "role"::text WHEN 'MEMBER' THEN 'REALTOR' ELSE "role"::text END::"reality"."AgencyRealtorRole_new");
ALTER TYPE "reality"."AgencyRealtorRole" RENAME TO "AgencyRealtorRole_old";
ALTER TYPE "reality"."AgencyRealtorRole_new" RENAME TO "AgencyRealtorRole";
DROP TYPE "reality"."AgencyRealtorRole_old";
ALTER TABLE "reality"."agency_realtors" ALTER COLUMN "role" SET DEFAULT 'REALTOR';
UPDATE "reality"."agency_realtors" ar SET "role" = 'OWNER'
  WHERE ar.id IN (
    SELECT DISTINCT ON (agency_id) id FROM "reality"."agency_realtors"
    WHERE "role" = 'ADMIN' AND left_at IS NULL
    ORDER BY agency_id, joined_at, id
  );
COMMIT;

-- AlterTable
ALTER TABLE "reality"."agencies" ADD COLUMN     "areas_served" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "domain_email" VARCHAR(255),
ADD COLUMN     "domain_token_expires_at" TIMESTAMPTZ(6),
ADD COLUMN     "domain_token_hash" VARCHAR(128),
ADD COLUMN     "vat_id" VARCHAR(12),
ADD COLUMN     "verification_method" "reality"."AgencyVerificationMethod",
ADD COLUMN     "verified_at" TIMESTAMPTZ(6);

-- Agencies that were on the portal before verification existed were created by staff or seeded:
-- they stay shown as they were (verified by the platform).
UPDATE "reality"."agencies" SET "verified_at" = "created_at", "verification_method" = 'PLATFORM_ADMIN' WHERE "status" = 'ACTIVE';

-- CreateTable
CREATE TABLE "reality"."agency_invitations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "agency_id" UUID NOT NULL,
    "email" VARCHAR(255) NOT NULL,
    "role" "reality"."AgencyRealtorRole" NOT NULL DEFAULT 'REALTOR',
    "token_hash" VARCHAR(128) NOT NULL,
    "invited_by" UUID,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "accepted_at" TIMESTAMPTZ(6),
    "accepted_by" UUID,
    "revoked_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agency_invitations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "agency_invitations_token_hash_key" ON "reality"."agency_invitations"("token_hash");

-- CreateIndex
CREATE INDEX "agency_invitations_agency_id_email_idx" ON "reality"."agency_invitations"("agency_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "agencies_domain_token_hash_key" ON "reality"."agencies"("domain_token_hash");

-- AddForeignKey
ALTER TABLE "reality"."agency_invitations" ADD CONSTRAINT "agency_invitations_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "reality"."agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Explicit, whichever role runs the migration (default privileges cover only their grantor's tables).
GRANT SELECT, INSERT, UPDATE ON "reality"."agency_invitations" TO ppt_reality;
GRANT SELECT ON "reality"."agency_invitations" TO ppt_admin;

-- Whether a management user is a platform super administrator, for the reality subgraph, which
-- reads no identity table: a SECURITY DEFINER function owned by the NOLOGIN reader role that may
-- read exactly the columns the answer needs (as identity.standing_sign_ins).
GRANT SELECT (is_super_admin) ON identity.users TO ppt_session_reader;
CREATE OR REPLACE FUNCTION identity.is_platform_super_admin(p_user_id uuid)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT coalesce((SELECT u.is_super_admin FROM identity.users u WHERE u.id = p_user_id AND u.status = 'ACTIVE'), false)
$$;
ALTER FUNCTION identity.is_platform_super_admin(uuid) OWNER TO ppt_session_reader;
REVOKE ALL ON FUNCTION identity.is_platform_super_admin(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION identity.is_platform_super_admin(uuid) TO ppt_reality;
