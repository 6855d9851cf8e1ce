// The notification centre is a person's own: a signed-in person acting in an organization
// (partner clients have no notifications). RLS enforces the same (own_rows policies).
import { AppError, requireUser, type Caller } from "@ppt/server-kit";

export function requireMember(caller: Caller | null): asserts caller is Caller & { organizationId: string; clientId: null } {
  requireUser(caller);
  if (!caller.organizationId || caller.audience !== "ppt") throw AppError.forbidden("No active organization");
}
