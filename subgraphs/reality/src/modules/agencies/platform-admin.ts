// Platform super administrators act on agencies (verification). The reality subgraph reads no
// identity table: the SQL function identity.is_platform_super_admin answers for a management
// user (migration agency_onboarding), so the flag is read at the moment of the request, never
// trusted from a token claim.
import { AppError, isUuid, requireCaller } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";

export async function requirePlatformSuperAdmin(ctx: RealityContext): Promise<string> {
  requireCaller(ctx.caller);
  const { audience, userId, clientId } = ctx.caller;
  if (audience !== "ppt" || clientId !== null || !isUuid(userId)) throw AppError.forbidden("Only a platform administrator can do this");
  const [row] = await ctx.db.$queryRaw<{ yes: boolean }[]>`SELECT identity.is_platform_super_admin(${userId}::uuid) AS yes`;
  if (!row?.yes) throw AppError.forbidden("Only a platform administrator can do this");
  return userId;
}
