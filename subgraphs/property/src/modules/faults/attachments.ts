// Photos of a fault: confirmed uploads attached to it. Whoever may see the fault may see its
// photos, through a presigned GET issued per caller and per request (5 minutes).
import type { Fault, FaultAttachment } from "@ppt/db/client";
import { AppError, requirePermission, type Tx } from "@ppt/server-kit";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { claimUploads, downloadUrl } from "../documents/index.ts";
import { canSeeFault, isFaultParticipant } from "./access.ts";

/** Turns the caller's confirmed FAULT_ATTACHMENT uploads into attachments of the fault (in the caller's transaction). */
export async function attachUploads(tx: Tx, ctx: PropertyContext, fault: Fault, uploadIds: readonly string[]): Promise<FaultAttachment[]> {
  const uploads = await claimUploads(tx, ctx, uploadIds, "FAULT_ATTACHMENT");
  if (uploads.length === 0) return [];
  const used = await tx.faultAttachment.count({ where: { fileUploadId: { in: uploads.map((u) => u.id) } } });
  if (used > 0) throw AppError.badInput("An upload is already attached", { field: "uploadIds" });
  const attachments: FaultAttachment[] = [];
  for (const upload of uploads) {
    attachments.push(
      await tx.faultAttachment.create({
        data: {
          organizationId: fault.organizationId,
          faultId: fault.id,
          fileUploadId: upload.id,
          objectKey: upload.objectKey,
          fileName: upload.fileName,
          contentType: upload.declaredContentType,
          sizeBytes: Number(upload.actualSize ?? upload.declaredSize),
          kind: upload.declaredContentType.startsWith("image/") ? "PHOTO" : "DOCUMENT",
        },
      }),
    );
  }
  return attachments;
}

/** The reporter, the assignee and staff may add photos to a fault they see. */
export async function addFaultAttachment(ctx: PropertyContext, faultId: string, uploadId: string): Promise<FaultAttachment> {
  requirePermission(ctx.caller, "faults:write");
  const fault = await ctx.loaders.fault.load(faultId);
  if (!fault || !(await canSeeFault(ctx, fault))) throw AppError.notFound("Fault");
  if (!isFaultParticipant(ctx.caller, fault)) throw AppError.forbidden("Only the reporter, the assignee and staff add photos");
  const { attachment, event } = await ctx.db.write(async (tx) => {
    const [attachment] = await attachUploads(tx, ctx, fault, [uploadId]);
    const event = await recordChange(tx, ctx, {
      entityType: "fault",
      entityId: fault.id,
      eventType: "fault.attachment_added",
      payload: { buildingId: fault.buildingId, attachmentId: attachment!.id },
    });
    return { attachment: attachment!, event };
  });
  ctx.events.committed(event);
  return attachment;
}

export async function getFaultAttachment(ctx: PropertyContext, id: string): Promise<FaultAttachment> {
  requirePermission(ctx.caller, "faults:read");
  const attachment = await ctx.loaders.faultAttachment.load(id);
  const fault = attachment ? await ctx.loaders.fault.load(attachment.faultId) : null;
  if (!attachment || !fault || !(await canSeeFault(ctx, fault))) throw AppError.notFound("Attachment");
  return attachment;
}

export async function attachmentsOfFault(ctx: PropertyContext, fault: Fault): Promise<FaultAttachment[]> {
  return ctx.loaders.attachmentsByFault.load(fault.id);
}

/** Re-checked per caller: the URL is issued only while the caller may see the fault. */
export async function attachmentDownloadUrl(ctx: PropertyContext, attachment: FaultAttachment): Promise<string> {
  const fault = await ctx.loaders.fault.load(attachment.faultId);
  if (!fault || !(await canSeeFault(ctx, fault))) throw AppError.notFound("Attachment");
  return downloadUrl(ctx.storage, attachment);
}
