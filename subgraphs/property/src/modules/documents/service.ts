// The document library: nested folders, documents with every version kept, sharing with a
// building, a role or named people, soft delete and restore. Staff (documents:write) manage
// everything; others read what is shared with them.
import type { Document, DocumentFolder, DocumentShare, DocumentVersion, Prisma } from "@ppt/db/client";
import {
  AppError,
  decodeCursorOf,
  keysetOrderBy,
  keysetWhere,
  pageSize,
  parseInput,
  requirePermission,
  toConnection,
  type SortKey,
  type Tx,
  readsWholeOrganization,
} from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { requirePlace, residencyOf } from "../buildings/index.ts";
import { isActiveMember } from "../members/index.ts";
import { organizationRoleKeys } from "../organizations/index.ts";
import { claimUploads, downloadUrl } from "./uploads.ts";

export function isDocumentStaff(ctx: PropertyContext): boolean {
  return ctx.caller?.permissions.has("documents:write") ?? false;
}

/** Documents shared with the caller: with a building they own or live in, one of their roles, or them. */
async function visibleDocumentsWhere(ctx: PropertyContext): Promise<Prisma.DocumentWhereInput> {
  if (isDocumentStaff(ctx)) return {};
  if (readsWholeOrganization(ctx.caller, "documents")) return { deletedAt: null };
  const { buildingIds } = await residencyOf(ctx);
  return {
    deletedAt: null,
    shares: {
      some: {
        OR: [{ buildingId: { in: [...buildingIds] } }, { roleKey: { in: [...(ctx.caller?.roles ?? [])] } }, { userId: ctx.caller?.userId ?? "" }],
      },
    },
  };
}

async function canSeeDocument(ctx: PropertyContext, document: Document): Promise<boolean> {
  if (!ctx.caller?.permissions.has("documents:read")) return false;
  if (isDocumentStaff(ctx)) return true;
  if (document.deletedAt) return false;
  if (readsWholeOrganization(ctx.caller, "documents")) return true;
  const { buildingIds } = await residencyOf(ctx);
  const shares = await ctx.loaders.sharesByDocument.load(document.id);
  return shares.some(
    (s) => (s.buildingId && buildingIds.has(s.buildingId)) || (s.roleKey && ctx.caller!.roles.includes(s.roleKey)) || s.userId === ctx.caller!.userId,
  );
}

async function visibleDocument(ctx: PropertyContext, id: string): Promise<Document> {
  const document = await ctx.loaders.document.load(id);
  if (!document || !(await canSeeDocument(ctx, document))) throw AppError.notFound("Document");
  return document;
}

const DOCUMENT_ORDER: SortKey[] = [
  { field: "createdAt", direction: "desc" },
  { field: "id", direction: "desc" },
];

export interface DocumentFilter {
  folderId?: string | null;
  buildingId?: string | null;
  search?: string | null;
  deleted?: boolean | null;
}

export async function listDocuments(ctx: PropertyContext, filter: DocumentFilter | null | undefined, first?: number | null, after?: string | null) {
  requirePermission(ctx.caller, "documents:read");
  if (filter?.deleted && !isDocumentStaff(ctx)) throw AppError.forbidden("The trash is for staff only");
  const limit = pageSize(first);
  const cursor = decodeCursorOf(after, ["timestamp", "uuid"]);
  const search = filter?.search?.trim();
  const where: Prisma.DocumentWhereInput = {
    AND: [
      await visibleDocumentsWhere(ctx),
      {
        deletedAt: filter?.deleted ? { not: null } : null,
        ...(filter?.folderId ? { folderId: filter.folderId } : {}),
        ...(filter?.buildingId ? { buildingId: filter.buildingId } : {}),
        ...(search ? { title: { contains: search, mode: "insensitive" } } : {}),
      },
    ],
  };
  const rows = await ctx.db.read((tx) =>
    tx.document.findMany({
      where: { AND: [where, keysetWhere(DOCUMENT_ORDER, cursor)] },
      orderBy: keysetOrderBy(DOCUMENT_ORDER),
      take: limit + 1,
    }),
  );
  for (const row of rows) ctx.loaders.document.prime(row.id, row);
  return toConnection(
    rows,
    limit,
    (d) => [d.createdAt.toISOString(), d.id],
    () => ctx.db.read((tx) => tx.document.count({ where })),
  );
}

export async function getDocument(ctx: PropertyContext, id: string): Promise<Document> {
  requirePermission(ctx.caller, "documents:read");
  return visibleDocument(ctx, id);
}

// Folders ---------------------------------------------------------------------------------------

const FOLDER_ORDER: SortKey[] = [
  { field: "name", direction: "asc" },
  { field: "id", direction: "asc" },
];

/** Organization-wide readers see every folder; others the organization-wide ones and those of their buildings. */
export async function listFolders(ctx: PropertyContext, parentId: string | null | undefined, first?: number | null, after?: string | null) {
  requirePermission(ctx.caller, "documents:read");
  const limit = pageSize(first);
  const buildingScope: Prisma.DocumentFolderWhereInput = readsWholeOrganization(ctx.caller, "documents")
    ? {}
    : { OR: [{ buildingId: null }, { buildingId: { in: [...(await residencyOf(ctx)).buildingIds] } }] };
  const where: Prisma.DocumentFolderWhereInput = { AND: [buildingScope, { parentId: parentId ?? null }] };
  const rows = await ctx.db.read((tx) =>
    tx.documentFolder.findMany({
      where: { AND: [where, keysetWhere(FOLDER_ORDER, decodeCursorOf(after, ["text", "uuid"]))] },
      orderBy: keysetOrderBy(FOLDER_ORDER),
      take: limit + 1,
    }),
  );
  for (const row of rows) ctx.loaders.documentFolder.prime(row.id, row);
  return toConnection(
    rows,
    limit,
    (f) => [f.name, f.id],
    () => ctx.db.read((tx) => tx.documentFolder.count({ where })),
  );
}

const folderSchema = z.object({ name: z.string().trim().min(1).max(255), parentId: z.uuid().nullish(), buildingId: z.uuid().nullish() });

export async function createFolder(ctx: PropertyContext, input: unknown): Promise<DocumentFolder> {
  requirePermission(ctx.caller, "documents:write");
  const caller = ctx.caller;
  const data = parseInput(folderSchema, input, "input");
  return ctx.db.write(async (tx) => {
    if (data.parentId && !(await tx.documentFolder.findUnique({ where: { id: data.parentId } }))) throw AppError.notFound("Folder");
    if (data.buildingId) await requirePlace(tx, { buildingId: data.buildingId });
    const row = await tx.documentFolder.create({
      data: {
        organizationId: caller.organizationId,
        name: data.name,
        parentId: data.parentId ?? null,
        buildingId: data.buildingId ?? null,
        createdById: caller.userId,
      },
    });
    await recordChange(tx, ctx, { entityType: "document_folder", entityId: row.id, eventType: "document_folder.created", payload: { parentId: row.parentId } });
    return row;
  });
}

// Documents and versions ---------------------------------------------------------------------------

/** Adds the next version from a claimed upload; the document's current version moves to it. */
async function addVersion(tx: Tx, ctx: PropertyContext, uploadedById: string, document: Document, uploadId: string): Promise<DocumentVersion> {
  const [upload] = await claimUploads(tx, ctx, [uploadId], "DOCUMENT_VERSION");
  if (await tx.documentVersion.count({ where: { fileUploadId: upload!.id } }))
    throw AppError.badInput("This upload is already a version", { field: "uploadId" });
  // The document row is locked, so version numbers cannot collide.
  await tx.$queryRaw`SELECT id FROM property.documents WHERE id = ${document.id}::uuid FOR UPDATE`;
  const last = await tx.documentVersion.findFirst({ where: { documentId: document.id }, orderBy: { versionNumber: "desc" } });
  const version = await tx.documentVersion.create({
    data: {
      organizationId: document.organizationId,
      documentId: document.id,
      versionNumber: (last?.versionNumber ?? 0) + 1,
      fileUploadId: upload!.id,
      objectKey: upload!.objectKey,
      fileName: upload!.fileName,
      contentType: upload!.declaredContentType,
      sizeBytes: upload!.actualSize ?? upload!.declaredSize,
      checksum: upload!.checksum,
      uploadedById,
    },
  });
  await tx.document.update({ where: { id: document.id }, data: { currentVersionId: version.id } });
  return version;
}

const documentSchema = z.object({
  title: z.string().trim().min(1).max(255),
  description: z.string().trim().max(5000).nullish(),
  category: z.string().trim().max(64).nullish(),
  folderId: z.uuid().nullish(),
  buildingId: z.uuid().nullish(),
  uploadId: z.uuid(),
});

export async function createDocument(ctx: PropertyContext, input: unknown): Promise<Document> {
  requirePermission(ctx.caller, "documents:write");
  const data = parseInput(documentSchema, input, "input");
  const caller = ctx.caller;
  const document = await ctx.db.write(async (tx) => {
    if (data.folderId && !(await tx.documentFolder.findUnique({ where: { id: data.folderId } }))) throw AppError.notFound("Folder");
    if (data.buildingId) await requirePlace(tx, { buildingId: data.buildingId });
    const row = await tx.document.create({
      data: {
        organizationId: caller.organizationId,
        title: data.title,
        description: data.description ?? null,
        category: data.category ?? null,
        folderId: data.folderId ?? null,
        buildingId: data.buildingId ?? null,
        createdById: caller.userId,
      },
    });
    const version = await addVersion(tx, ctx, caller.userId, row, data.uploadId);
    await recordChange(tx, ctx, { entityType: "document", entityId: row.id, eventType: "document.created", payload: { versionId: version.id } });
    return { ...row, currentVersionId: version.id };
  });
  ctx.loaders.document.prime(document.id, document);
  return document;
}

export async function addDocumentVersion(ctx: PropertyContext, documentId: string, uploadId: string): Promise<Document> {
  requirePermission(ctx.caller, "documents:write");
  const caller = ctx.caller;
  const existing = await visibleDocument(ctx, documentId);
  if (existing.deletedAt) throw AppError.badInput("Restore the document before adding a version", { field: "documentId" });
  const document = await ctx.db.write(async (tx) => {
    const version = await addVersion(tx, ctx, caller.userId, existing, uploadId);
    await recordChange(tx, ctx, {
      entityType: "document",
      entityId: documentId,
      eventType: "document.version_added",
      payload: { versionId: version.id, versionNumber: version.versionNumber },
    });
    return tx.document.findUniqueOrThrow({ where: { id: documentId } });
  });
  ctx.loaders.document.clear(documentId).prime(documentId, document);
  ctx.loaders.versionsByDocument.clear(documentId);
  return document;
}

const shareSchema = z
  .object({ buildingId: z.uuid().nullish(), roleKey: z.enum(organizationRoleKeys).nullish(), userId: z.uuid().nullish() })
  .refine((s) => [s.buildingId, s.roleKey, s.userId].filter(Boolean).length === 1, "exactly one of buildingId, roleKey and userId");

export async function shareDocument(ctx: PropertyContext, documentId: string, input: unknown): Promise<Document> {
  requirePermission(ctx.caller, "documents:write");
  const caller = ctx.caller;
  const data = parseInput(shareSchema, input, "input");
  const document = await visibleDocument(ctx, documentId);
  if (data.userId && !(await isActiveMember(ctx, data.userId))) throw AppError.badInput("No such member of the organization", { field: "input.userId" });
  await ctx.db.write(async (tx) => {
    if (data.buildingId) await requirePlace(tx, { buildingId: data.buildingId });
    const row = await tx.documentShare.create({
      data: {
        organizationId: document.organizationId,
        documentId,
        buildingId: data.buildingId ?? null,
        roleKey: data.roleKey ?? null,
        userId: data.userId ?? null,
        createdById: caller.userId,
      },
    });
    await recordChange(tx, ctx, {
      entityType: "document",
      entityId: documentId,
      eventType: "document.shared",
      payload: { shareId: row.id, buildingId: row.buildingId, roleKey: row.roleKey, userId: row.userId },
    });
  });
  ctx.loaders.sharesByDocument.clear(documentId);
  return document;
}

export async function unshareDocument(ctx: PropertyContext, shareId: string): Promise<Document> {
  requirePermission(ctx.caller, "documents:write");
  const documentId = await ctx.db.write(async (tx) => {
    const share = await tx.documentShare.findUnique({ where: { id: shareId } });
    if (!share) throw AppError.notFound("Share");
    await tx.documentShare.delete({ where: { id: shareId } });
    await recordChange(tx, ctx, { entityType: "document", entityId: share.documentId, eventType: "document.unshared", payload: { shareId } });
    return share.documentId;
  });
  ctx.loaders.sharesByDocument.clear(documentId);
  return visibleDocument(ctx, documentId);
}

async function setDeleted(ctx: PropertyContext, id: string, deleted: boolean): Promise<Document> {
  requirePermission(ctx.caller, deleted ? "documents:delete" : "documents:write");
  await visibleDocument(ctx, id);
  const document = await ctx.db.write(async (tx) => {
    const row = await tx.document.update({ where: { id }, data: { deletedAt: deleted ? new Date() : null } });
    await recordChange(tx, ctx, { entityType: "document", entityId: id, eventType: deleted ? "document.deleted" : "document.restored" });
    return row;
  });
  ctx.loaders.document.clear(id).prime(id, document);
  return document;
}

export const deleteDocument = (ctx: PropertyContext, id: string) => setDeleted(ctx, id, true);
export const restoreDocument = (ctx: PropertyContext, id: string) => setDeleted(ctx, id, false);

// Fields ---------------------------------------------------------------------------------------

export async function versionsOfDocument(ctx: PropertyContext, document: Document): Promise<DocumentVersion[]> {
  return ctx.loaders.versionsByDocument.load(document.id);
}

export async function currentVersionOf(ctx: PropertyContext, document: Document): Promise<DocumentVersion | null> {
  if (!document.currentVersionId) return null;
  return (await ctx.loaders.versionsByDocument.load(document.id)).find((v) => v.id === document.currentVersionId) ?? null;
}

export async function sharesOfDocument(ctx: PropertyContext, document: Document): Promise<DocumentShare[]> {
  return isDocumentStaff(ctx) ? ctx.loaders.sharesByDocument.load(document.id) : [];
}

/** Issued per caller: only while the caller may see the version's document. */
export async function versionDownloadUrl(ctx: PropertyContext, version: DocumentVersion): Promise<string> {
  await visibleDocument(ctx, version.documentId);
  return downloadUrl(ctx.storage, version);
}

/** A folder reached from a document or folder the caller sees. */
export function folderById(ctx: PropertyContext, id: string | null): Promise<DocumentFolder | null> | null {
  return id ? ctx.loaders.documentFolder.load(id) : null;
}
