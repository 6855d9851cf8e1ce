-- AlterEnum
ALTER TYPE "identity"."OneTimeTokenPurpose" ADD VALUE 'MFA_CHALLENGE';

-- AlterTable
ALTER TABLE "identity"."api_clients" ADD COLUMN     "created_by_client_id" UUID;

-- CreateIndex
CREATE INDEX "api_clients_created_by_client_id_idx" ON "identity"."api_clients"("created_by_client_id");

-- AddForeignKey
ALTER TABLE "identity"."api_clients" ADD CONSTRAINT "api_clients_created_by_client_id_fkey" FOREIGN KEY ("created_by_client_id") REFERENCES "identity"."api_clients"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Whether a sign-in still stands: ONE rule for every subgraph and every audience -----------------
-- Management users (audience ppt), partner API clients (ppt with a client id) and portal users
-- (audience portal) are each checked against the tables that can end their sign-in: a revoked
-- session, a "log out everywhere" or a new password after the token was issued, an account no
-- longer active, a membership or organization ended, a revoked client. Both server roles call it
-- (the reality role cannot read identity tables, nor the property role portal sessions): a
-- SECURITY DEFINER function owned by a NOLOGIN role that may read exactly those columns.
-- Answers the 1-based positions of the callers that stand, with a partner client's quota.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ppt_session_reader') THEN
    CREATE ROLE ppt_session_reader NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA platform, identity, reality TO ppt_session_reader;
GRANT SELECT (id, status, tokens_valid_after, password_changed_at) ON identity.users TO ppt_session_reader;
GRANT SELECT (id, user_id, revoked_at) ON identity.sessions TO ppt_session_reader;
GRANT SELECT (id, organization_id, revoked_at, quota_per_minute) ON identity.api_clients TO ppt_session_reader;
GRANT SELECT (user_id, organization_id, status) ON identity.organization_members TO ppt_session_reader;
GRANT SELECT (id, status) ON platform.organizations TO ppt_session_reader;
GRANT SELECT (id, status, tokens_valid_after, password_changed_at) ON reality.portal_users TO ppt_session_reader;
GRANT SELECT (id, portal_user_id, revoked_at) ON reality.portal_sessions TO ppt_session_reader;

CREATE OR REPLACE FUNCTION identity.standing_sign_ins(
  audiences text[], user_ids uuid[], session_ids uuid[], organization_ids uuid[], issued_ats bigint[], is_clients boolean[]
)
RETURNS TABLE (caller_position bigint, quota_per_minute integer)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
  SELECT c.i, k.quota_per_minute
  FROM unnest(audiences, user_ids, session_ids, organization_ids, issued_ats, is_clients)
    WITH ORDINALITY AS c(audience, user_id, session_id, organization_id, iat, is_client, i)
  LEFT JOIN identity.api_clients k ON c.audience = 'ppt' AND c.is_client AND k.id = c.user_id
  WHERE CASE
    WHEN c.audience = 'ppt' AND c.is_client THEN
      k.id IS NOT NULL AND k.revoked_at IS NULL AND k.organization_id = c.organization_id
      AND EXISTS (SELECT 1 FROM platform.organizations o WHERE o.id = k.organization_id AND o.status = 'ACTIVE')
    WHEN c.audience = 'ppt' THEN
      EXISTS (
        SELECT 1 FROM identity.users u WHERE u.id = c.user_id AND u.status = 'ACTIVE'
          AND (u.tokens_valid_after IS NULL OR c.iat >= floor(extract(epoch FROM u.tokens_valid_after)))
          AND (u.password_changed_at IS NULL OR c.iat >= floor(extract(epoch FROM u.password_changed_at))))
      AND (c.session_id IS NULL OR EXISTS (
        SELECT 1 FROM identity.sessions s WHERE s.id = c.session_id AND s.user_id = c.user_id AND s.revoked_at IS NULL))
      AND (c.organization_id IS NULL OR EXISTS (
        SELECT 1 FROM identity.organization_members m JOIN platform.organizations o ON o.id = m.organization_id
        WHERE m.user_id = c.user_id AND m.organization_id = c.organization_id AND m.status = 'ACTIVE' AND o.status = 'ACTIVE'))
    WHEN c.audience = 'portal' THEN
      EXISTS (
        SELECT 1 FROM reality.portal_users u WHERE u.id = c.user_id AND u.status = 'ACTIVE'
          AND (u.tokens_valid_after IS NULL OR c.iat >= floor(extract(epoch FROM u.tokens_valid_after)))
          AND (u.password_changed_at IS NULL OR c.iat >= floor(extract(epoch FROM u.password_changed_at))))
      AND (c.session_id IS NULL OR EXISTS (
        SELECT 1 FROM reality.portal_sessions s WHERE s.id = c.session_id AND s.portal_user_id = c.user_id AND s.revoked_at IS NULL))
    ELSE false
  END
$fn$;
ALTER FUNCTION identity.standing_sign_ins(text[], uuid[], uuid[], uuid[], bigint[], boolean[]) OWNER TO ppt_session_reader;
REVOKE ALL ON FUNCTION identity.standing_sign_ins(text[], uuid[], uuid[], uuid[], bigint[], boolean[]) FROM PUBLIC;
GRANT USAGE ON SCHEMA identity TO ppt_reality;
GRANT EXECUTE ON FUNCTION identity.standing_sign_ins(text[], uuid[], uuid[], uuid[], bigint[], boolean[]) TO ppt_property, ppt_reality;
