// Files sent with a message: the sender's confirmed MESSAGE_ATTACHMENT uploads, attached in the
// message's own transaction. Participants download them through presigned GETs issued per request.
import type { Message, MessageAttachment } from "@ppt/db/client";
import { AppError, type Tx } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { claimUploads, downloadUrl } from "../documents/index.ts";

export async function attachMessageUploads(tx: Tx, ctx: PropertyContext, message: Message, uploadIds: readonly string[]): Promise<MessageAttachment[]> {
  const uploads = await claimUploads(tx, ctx, uploadIds, "MESSAGE_ATTACHMENT");
  const used = await tx.messageAttachment.count({ where: { fileUploadId: { in: uploads.map((u) => u.id) } } });
  if (used > 0) throw AppError.badInput("An upload is already attached", { field: "attachmentUploadIds" });
  const attachments: MessageAttachment[] = [];
  for (const upload of uploads) {
    attachments.push(
      await tx.messageAttachment.create({
        data: {
          organizationId: message.organizationId,
          messageId: message.id,
          fileUploadId: upload.id,
          objectKey: upload.objectKey,
          fileName: upload.fileName ?? "file",
          contentType: upload.declaredContentType,
          sizeBytes: Number(upload.actualSize ?? upload.declaredSize),
        },
      }),
    );
  }
  return attachments;
}

/** Deletes a message's attachment rows; returns their object keys (removed from storage after commit). */
export async function removeMessageAttachments(tx: Tx, messageId: string): Promise<string[]> {
  const rows = await tx.messageAttachment.findMany({ where: { messageId }, select: { objectKey: true } });
  await tx.messageAttachment.deleteMany({ where: { messageId } });
  return rows.map((row) => row.objectKey);
}

export async function attachmentsOfMessage(ctx: PropertyContext, message: Message): Promise<MessageAttachment[]> {
  if (message.deletedAt) return [];
  return ctx.loaders.attachmentsByMessage.load(message.id);
}

export function attachmentUrl(ctx: PropertyContext, attachment: MessageAttachment): Promise<string> {
  return downloadUrl(ctx.storage, attachment);
}
