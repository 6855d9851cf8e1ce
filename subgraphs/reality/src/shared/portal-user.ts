// The signed-in portal user (a portal-audience token): favorites, saved searches, inquiries.
import { AppError, requireCaller } from "@ppt/server-kit";
import type { RealityContext } from "../context.ts";

export function requirePortalUser(ctx: RealityContext): string {
  requireCaller(ctx.caller);
  if (ctx.caller.audience !== "portal") throw AppError.forbidden("Sign in with a portal account");
  return ctx.caller.userId;
}
