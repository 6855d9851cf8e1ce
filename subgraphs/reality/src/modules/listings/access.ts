// Who may edit a listing: its realtor; an ADMIN of its agency; a property manager (ppt token
// with `listings:publish`) of the organization that published it. Anyone else is told the
// listing does not exist, exactly as for a missing id.
import type { Listing } from "@ppt/db/client";
import { AppError, requireCaller } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";
import { currentRealtor } from "../realtors/index.ts";

export interface ListingEditor {
  realtorId: string | null;
  memberAgencyIds: ReadonlySet<string>;
  adminAgencyIds: ReadonlySet<string>;
  /** Set for a property manager: the token's active organization. */
  organizationId: string | null;
}

type Owned = Pick<Listing, "realtorId" | "agencyId" | "organizationId">;

/** The caller as an editor of listings, or null (anonymous, a plain portal user, staff without the permission). */
export async function listingEditor(ctx: RealityContext): Promise<ListingEditor | null> {
  const caller = ctx.caller;
  if (!caller) return null;
  if (caller.audience === "ppt") {
    if (!caller.organizationId || !caller.permissions.has("listings:publish")) return null;
    return { realtorId: null, memberAgencyIds: new Set(), adminAgencyIds: new Set(), organizationId: caller.organizationId };
  }
  const actor = await currentRealtor(ctx);
  if (!actor) return null;
  return {
    realtorId: actor.realtor.id,
    memberAgencyIds: new Set(actor.memberAgencyIds),
    adminAgencyIds: new Set(actor.adminAgencyIds),
    organizationId: null,
  };
}

export async function requireListingEditor(ctx: RealityContext): Promise<ListingEditor> {
  requireCaller(ctx.caller);
  const editor = await listingEditor(ctx);
  if (!editor) throw AppError.forbidden("Only realtors, agency admins and property managers edit listings");
  return editor;
}

export function canEdit(editor: ListingEditor | null, listing: Owned): boolean {
  if (!editor) return false;
  if (editor.organizationId) return listing.organizationId === editor.organizationId;
  if (editor.realtorId && listing.realtorId === editor.realtorId) return true;
  return listing.agencyId !== null && editor.adminAgencyIds.has(listing.agencyId);
}

/** The listing, if the caller may edit it; NOT_FOUND otherwise (never "exists but not yours"). */
export async function editableListing(ctx: RealityContext, id: string): Promise<{ listing: Listing; editor: ListingEditor }> {
  const editor = await requireListingEditor(ctx);
  const listing = await ctx.loaders.listing.load(id);
  if (!listing || !canEdit(editor, listing)) throw AppError.notFound("Listing");
  return { listing, editor };
}
