// Zero trust on every request: a valid signature is not enough. The token's session must not be
// revoked, the account must be active and not "logged out everywhere" after the token was
// issued, and the active organization must still be an active membership; a partner client
// must not be revoked and must be within its quota. One indexed query per request (and one
// Redis counter for partner clients). HTTP requests and subscriptions share this function.
import { AppError, issuedBefore, isUuid, type Caller, type ServiceDeps } from "@ppt/server-kit";
import { authRuntime } from "./runtime.ts";

interface UserState {
  status: string;
  tokens_valid_after: Date | null;
  password_changed_at: Date | null;
  session_active: boolean;
  member_active: boolean;
}

interface ClientState {
  organization_id: string;
  revoked_at: Date | null;
  quota_per_minute: number;
  organization_active: boolean;
}

const refused = () => AppError.unauthenticated("This sign-in is no longer valid");

export async function checkSession(deps: ServiceDeps, caller: Caller): Promise<void> {
  if (caller.audience !== "ppt") return;
  if (!isUuid(caller.userId) || (caller.sessionId !== null && !isUuid(caller.sessionId)) || (caller.organizationId !== null && !isUuid(caller.organizationId))) {
    throw refused();
  }
  if (caller.clientId) return checkClient(deps, caller);
  const [state] = await deps.prisma.$queryRaw<UserState[]>`
    SELECT u.status::text AS status, u.tokens_valid_after, u.password_changed_at,
      (${caller.sessionId}::uuid IS NULL OR EXISTS (
        SELECT 1 FROM identity.sessions s WHERE s.id = ${caller.sessionId}::uuid AND s.user_id = u.id AND s.revoked_at IS NULL
      )) AS session_active,
      (${caller.organizationId}::uuid IS NULL OR EXISTS (
        SELECT 1 FROM identity.organization_members m JOIN platform.organizations o ON o.id = m.organization_id
        WHERE m.user_id = u.id AND m.organization_id = ${caller.organizationId}::uuid AND m.status = 'ACTIVE' AND o.status = 'ACTIVE'
      )) AS member_active
    FROM identity.users u WHERE u.id = ${caller.userId}::uuid`;
  if (
    !state ||
    state.status !== "ACTIVE" ||
    !state.session_active ||
    !state.member_active ||
    issuedBefore(caller, state.tokens_valid_after) ||
    issuedBefore(caller, state.password_changed_at)
  ) {
    throw refused();
  }
}

async function checkClient(deps: ServiceDeps, caller: Caller): Promise<void> {
  const [client] = await deps.prisma.$queryRaw<ClientState[]>`
    SELECT c.organization_id::text AS organization_id, c.revoked_at, c.quota_per_minute, o.status = 'ACTIVE' AS organization_active
    FROM identity.api_clients c JOIN platform.organizations o ON o.id = c.organization_id
    WHERE c.id = ${caller.userId}::uuid`;
  if (!client || client.revoked_at || !client.organization_active || client.organization_id !== caller.organizationId) throw refused();
  await authRuntime(deps).limits.clientQuota(client.quota_per_minute).consume(caller.userId);
}
