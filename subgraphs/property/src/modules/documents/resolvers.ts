import type { Resolvers } from "../../generated/graphql.ts";
import { buildingById, resolveBuildingReference } from "../buildings/index.ts";
import { memberById } from "../members/index.ts";
import * as documents from "./service.ts";
import * as uploads from "./uploads.ts";

export const documentResolvers: Resolvers = {
  Query: {
    documentFolders: (_, { parentId, first, after }, ctx) => documents.listFolders(ctx, parentId, first, after),
    documents: (_, { filter, first, after }, ctx) => documents.listDocuments(ctx, filter, first, after),
    document: (_, { id }, ctx) => documents.getDocument(ctx, id),
  },
  Mutation: {
    requestUpload: (_, { input }, ctx) => uploads.requestUpload(ctx, input),
    confirmUpload: async (_, { uploadId }, ctx) => uploads.fileUploadView(await uploads.confirmUpload(ctx, uploadId)),
    createDocumentFolder: (_, { input }, ctx) => documents.createFolder(ctx, input),
    createDocument: (_, { input }, ctx) => documents.createDocument(ctx, input),
    addDocumentVersion: (_, { documentId, uploadId }, ctx) => documents.addDocumentVersion(ctx, documentId, uploadId),
    shareDocument: (_, { documentId, input }, ctx) => documents.shareDocument(ctx, documentId, input),
    unshareDocument: (_, { shareId }, ctx) => documents.unshareDocument(ctx, shareId),
    deleteDocument: (_, { id }, ctx) => documents.deleteDocument(ctx, id),
    restoreDocument: (_, { id }, ctx) => documents.restoreDocument(ctx, id),
  },
  DocumentFolder: {
    parent: (folder, _, ctx) => documents.folderById(ctx, folder.parentId),
    building: (folder, _, ctx) => (folder.buildingId ? resolveBuildingReference(ctx, folder.buildingId) : null),
  },
  Document: {
    folder: (document, _, ctx) => documents.folderById(ctx, document.folderId),
    // A document shared by role or by name may belong to a building the reader does not live in.
    building: (document, _, ctx) => (document.buildingId ? resolveBuildingReference(ctx, document.buildingId) : null),
    currentVersion: (document, _, ctx) => documents.currentVersionOf(ctx, document),
    versions: (document, _, ctx) => documents.versionsOfDocument(ctx, document),
    shares: (document, _, ctx) => documents.sharesOfDocument(ctx, document),
    createdBy: async (document, _, ctx) => (await memberById(ctx, document.createdById))!,
  },
  DocumentVersion: {
    sizeBytes: (version) => Number(version.sizeBytes),
    uploadedBy: async (version, _, ctx) => (await memberById(ctx, version.uploadedById))!,
    downloadUrl: (version, _, ctx) => documents.versionDownloadUrl(ctx, version),
  },
  DocumentShare: {
    building: (share, _, ctx) => (share.buildingId ? buildingById(ctx, share.buildingId) : null),
    user: (share, _, ctx) => (share.userId ? memberById(ctx, share.userId) : null),
  },
};
