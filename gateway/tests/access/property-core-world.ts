// Organization A's property-core objects for the access matrix: a fault with a photo, a pending
// upload, a document in a folder shared with a role, an announcement, an entrance, an ownership
// and an occupancy — every id a property-core case needs.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@ppt/db/client";
import { addMember, addOccupancy, addOwnership, createFault } from "@ppt/testing/fixtures";

export interface PropertyCoreWorld {
  entranceA: string;
  ownershipA: string;
  occupancyA: string;
  faultA: string;
  attachmentA: string;
  uploadA: string;
  folderA: string;
  documentA: string;
  shareA: string;
  announcementA: string;
}

export async function createPropertyCoreWorld(
  db: PrismaClient,
  a: { orgA: string; userA: string; buildingA: string; unitA: string },
): Promise<PropertyCoreWorld> {
  const organizationId = a.orgA;
  await addMember(db, organizationId, a.userA);
  const entranceA = (await db.entrance.create({ data: { organizationId, buildingId: a.buildingA, designation: "A" } })).id;
  const ownershipA = (await addOwnership(db, organizationId, a.unitA, a.userA, [1, 2])).id;
  const occupancyA = (await addOccupancy(db, organizationId, a.unitA, a.userA)).id;
  const faultA = (await createFault(db, { organizationId, buildingId: a.buildingA, unitId: a.unitA, reporterId: a.userA })).id;
  const upload = (purpose: "FAULT_ATTACHMENT" | "DOCUMENT_VERSION", status: "PENDING" | "CONFIRMED") =>
    db.fileUpload.create({
      data: {
        organizationId,
        purpose,
        status,
        objectKey: `org/${organizationId}/${purpose}/${randomUUID()}`,
        fileName: "a.jpg",
        declaredContentType: "image/jpeg",
        declaredSize: 100n,
        expiresAt: new Date(Date.now() + 3600_000),
        uploadedById: a.userA,
      },
    });
  const uploadA = (await upload("FAULT_ATTACHMENT", "PENDING")).id;
  const confirmed = await upload("FAULT_ATTACHMENT", "CONFIRMED");
  const attachmentA = (
    await db.faultAttachment.create({
      data: { organizationId, faultId: faultA, fileUploadId: confirmed.id, objectKey: confirmed.objectKey, contentType: "image/jpeg", sizeBytes: 100 },
    })
  ).id;
  const folderA = (await db.documentFolder.create({ data: { organizationId, name: "Zápisnice", createdById: a.userA } })).id;
  const documentA = (await db.document.create({ data: { organizationId, folderId: folderA, title: "Stanovy", createdById: a.userA } })).id;
  const shareA = (await db.documentShare.create({ data: { organizationId, documentId: documentA, roleKey: "owner" } })).id;
  const announcementA = (
    await db.announcement.create({ data: { organizationId, authorId: a.userA, title: "Oznam", body: "Text", status: "PUBLISHED", publishedAt: new Date() } })
  ).id;
  return { entranceA, ownershipA, occupancyA, faultA, attachmentA, uploadA, folderA, documentA, shareA, announcementA };
}
