-- CreateTable
CREATE TABLE "reality"."portal_oidc_logins" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "provider" "reality"."PortalAuthProvider" NOT NULL,
    "state_hash" VARCHAR(128) NOT NULL,
    "code_verifier" VARCHAR(128) NOT NULL,
    "nonce" VARCHAR(128) NOT NULL,
    "redirect_uri" VARCHAR(2048) NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "portal_oidc_logins_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "portal_oidc_logins_state_hash_key" ON "reality"."portal_oidc_logins"("state_hash");

-- CreateIndex
CREATE INDEX "portal_oidc_logins_expires_at_idx" ON "reality"."portal_oidc_logins"("expires_at");

-- Explicit, whichever role runs the migration (default privileges cover only their grantor's tables).
-- The reality subgraph writes a started sign-in and deletes it when it is completed or expired.
GRANT SELECT, INSERT, DELETE ON "reality"."portal_oidc_logins" TO ppt_reality;
GRANT SELECT ON "reality"."portal_oidc_logins" TO ppt_admin;
