// The documents module's public surface: documents, and the uploads other modules attach.
export { createDocumentLoaders } from "./loaders.ts";
export { documentResolvers } from "./resolvers.ts";
export { claimUploads, cleanupExpiredUploads, downloadUrl } from "./uploads.ts";
