// Access cases of the property core (buildings, faults, uploads, documents, announcements).
// Ids of A are top-level variables, so the matrix can swap them for missing ones. Mutations that
// would legitimately create something in the other tenant's own organization get input that is
// invalid for everyone: the case still proves that authentication and the permission come first
// and that nothing changes.
import type { AccessCase } from "./cases.ts";

const byId = (field: string, permission: AccessCase["permission"], document: string, variables: AccessCase["variables"]): AccessCase => ({
  field,
  document,
  variables,
  permission,
  kind: "byId",
});
const list = (field: string, permission: AccessCase["permission"], document: string, variables: AccessCase["variables"] = () => ({})): AccessCase => ({
  field,
  document,
  variables,
  permission,
  kind: "list",
});

export const propertyCoreCases: AccessCase[] = [
  // Buildings and units
  list(
    "Mutation.createBuilding",
    "buildings:write",
    `mutation { createBuilding(input: { street: "S", streetNumber: "1", city: "C", postalCode: "1", yearBuilt: 99999 }) { id } }`,
  ),
  byId("Mutation.updateBuilding", "buildings:write", `mutation ($id: ID!) { updateBuilding(id: $id, input: { name: "X" }) { id name } }`, (w) => ({
    id: w.buildingA,
  })),
  byId("Mutation.archiveBuilding", "buildings:write", `mutation ($id: ID!) { archiveBuilding(id: $id) { id } }`, (w) => ({ id: w.buildingA })),
  byId("Mutation.createEntrance", "buildings:write", `mutation ($b: ID!) { createEntrance(input: { buildingId: $b, designation: "Z" }) { id } }`, (w) => ({
    b: w.buildingA,
  })),
  byId(
    "Mutation.createUnit",
    "buildings:write",
    `mutation ($b: ID!) { createUnit(input: { buildingId: $b, designation: "Z", ownershipShare: { numerator: 1, denominator: 100 } }) { id } }`,
    (w) => ({ b: w.buildingA }),
  ),
  byId(
    "Mutation.importUnits",
    "buildings:write",
    `mutation ($b: ID!) { importUnits(buildingId: $b, rows: [{ designation: "Z", ownershipShare: "1/100" }]) { applied rows { unit { id } } } }`,
    (w) => ({ b: w.buildingA }),
  ),
  byId("Mutation.updateUnit", "buildings:write", `mutation ($id: ID!) { updateUnit(id: $id, input: { rooms: 9 }) { id } }`, (w) => ({ id: w.unitA })),
  byId("Mutation.archiveUnit", "buildings:write", `mutation ($id: ID!) { archiveUnit(id: $id) { id } }`, (w) => ({ id: w.unitA })),
  byId(
    "Mutation.addUnitOwnership",
    "buildings:write",
    `mutation ($u: ID!, $p: ID!) { addUnitOwnership(input: { unitId: $u, userId: $p, share: { numerator: 1, denominator: 4 }, validFrom: "2024-01-01" }) { id } }`,
    (w) => ({ u: w.unitA, p: w.userA }),
  ),
  byId("Mutation.endUnitOwnership", "buildings:write", `mutation ($id: ID!) { endUnitOwnership(id: $id, validTo: "2030-01-01") { id } }`, (w) => ({
    id: w.ownershipA,
  })),
  byId(
    "Mutation.addUnitOccupancy",
    "buildings:write",
    `mutation ($u: ID!, $p: ID!) { addUnitOccupancy(input: { unitId: $u, userId: $p, validFrom: "2024-01-01" }) { id } }`,
    (w) => ({ u: w.unitA, p: w.userA }),
  ),
  byId("Mutation.endUnitOccupancy", "buildings:write", `mutation ($id: ID!) { endUnitOccupancy(id: $id, validTo: "2030-01-01") { id } }`, (w) => ({
    id: w.occupancyA,
  })),

  // Faults
  list("Query.faults", "faults:read", `{ faults(first: 50) { totalCount edges { node { id title reporter { id } } } } }`),
  byId("Query.fault", "faults:read", `query ($id: ID!) { fault(id: $id) { id title attachments { downloadUrl } } }`, (w) => ({ id: w.faultA })),
  byId("Query.faultAttachment", "faults:read", `query ($id: ID!) { faultAttachment(id: $id) { id downloadUrl } }`, (w) => ({ id: w.attachmentA })),
  byId("Mutation.reportFault", "faults:write", `mutation ($b: ID!) { reportFault(input: { buildingId: $b, title: "T", description: "D" }) { id } }`, (w) => ({
    b: w.buildingA,
  })),
  byId("Mutation.updateFault", "faults:write", `mutation ($id: ID!) { updateFault(id: $id, input: { title: "X" }) { id } }`, (w) => ({ id: w.faultA })),
  byId("Mutation.assignFault", "faults:assign", `mutation ($id: ID!, $to: ID) { assignFault(id: $id, assigneeId: $to) { id } }`, (w) => ({
    id: w.faultA,
    to: w.userA,
  })),
  byId("Mutation.changeFaultStatus", "faults:write", `mutation ($id: ID!) { changeFaultStatus(id: $id, status: TRIAGED) { id } }`, (w) => ({ id: w.faultA })),
  byId("Mutation.commentOnFault", "faults:write", `mutation ($id: ID!) { commentOnFault(faultId: $id, body: "x") { id } }`, (w) => ({ id: w.faultA })),
  byId("Mutation.addFaultAttachment", "faults:write", `mutation ($id: ID!, $u: ID!) { addFaultAttachment(faultId: $id, uploadId: $u) { id } }`, (w) => ({
    id: w.faultA,
    u: w.uploadA,
  })),

  // Uploads
  list(
    "Mutation.requestUpload",
    "faults:write",
    `mutation { requestUpload(input: { purpose: FAULT_ATTACHMENT, fileName: "a.jpg", contentType: "image/jpeg", size: 999999999 }) { url } }`,
  ),
  byId("Mutation.confirmUpload", "faults:write", `mutation ($id: ID!) { confirmUpload(uploadId: $id) { id } }`, (w) => ({ id: w.uploadA })),

  // Documents
  list("Query.documentFolders", "documents:read", `{ documentFolders(first: 50) { totalCount edges { node { id name } } } }`),
  list("Query.documents", "documents:read", `{ documents(first: 50) { totalCount edges { node { id title } } } }`),
  byId("Query.document", "documents:read", `query ($id: ID!) { document(id: $id) { id title versions { downloadUrl } } }`, (w) => ({ id: w.documentA })),
  byId("Mutation.createDocumentFolder", "documents:write", `mutation ($p: ID!) { createDocumentFolder(input: { name: "N", parentId: $p }) { id } }`, (w) => ({
    p: w.folderA,
  })),
  byId(
    "Mutation.createDocument",
    "documents:write",
    `mutation ($f: ID!, $u: ID!) { createDocument(input: { title: "T", folderId: $f, uploadId: $u }) { id } }`,
    (w) => ({ f: w.folderA, u: w.uploadA }),
  ),
  byId("Mutation.addDocumentVersion", "documents:write", `mutation ($id: ID!, $u: ID!) { addDocumentVersion(documentId: $id, uploadId: $u) { id } }`, (w) => ({
    id: w.documentA,
    u: w.uploadA,
  })),
  byId("Mutation.shareDocument", "documents:write", `mutation ($id: ID!) { shareDocument(documentId: $id, input: { roleKey: "tenant" }) { id } }`, (w) => ({
    id: w.documentA,
  })),
  byId("Mutation.unshareDocument", "documents:write", `mutation ($id: ID!) { unshareDocument(shareId: $id) { id } }`, (w) => ({ id: w.shareA })),
  byId("Mutation.deleteDocument", "documents:delete", `mutation ($id: ID!) { deleteDocument(id: $id) { id } }`, (w) => ({ id: w.documentA })),
  byId("Mutation.restoreDocument", "documents:write", `mutation ($id: ID!) { restoreDocument(id: $id) { id } }`, (w) => ({ id: w.documentA })),

  // Announcements
  list("Query.announcements", "announcements:read", `{ announcements(first: 50) { totalCount edges { node { id title } } } }`),
  byId("Query.announcement", "announcements:read", `query ($id: ID!) { announcement(id: $id) { id title } }`, (w) => ({ id: w.announcementA })),
  list("Query.unreadAnnouncementsCount", "announcements:read", `{ unreadAnnouncementsCount }`),
  byId(
    "Mutation.createAnnouncement",
    "announcements:write",
    `mutation ($b: ID!) { createAnnouncement(input: { title: "T", body: "B", buildingId: $b, publish: true }) { id } }`,
    (w) => ({ b: w.buildingA }),
  ),
  byId("Mutation.updateAnnouncement", "announcements:write", `mutation ($id: ID!) { updateAnnouncement(id: $id, input: { title: "X" }) { id } }`, (w) => ({
    id: w.announcementA,
  })),
  byId("Mutation.publishAnnouncement", "announcements:write", `mutation ($id: ID!) { publishAnnouncement(id: $id) { id } }`, (w) => ({ id: w.announcementA })),
  byId("Mutation.archiveAnnouncement", "announcements:write", `mutation ($id: ID!) { archiveAnnouncement(id: $id) { id } }`, (w) => ({ id: w.announcementA })),
  byId("Mutation.commentOnAnnouncement", "announcements:read", `mutation ($id: ID!) { commentOnAnnouncement(announcementId: $id, body: "x") { id } }`, (w) => ({
    id: w.announcementA,
  })),
  byId("Mutation.markAnnouncementRead", "announcements:read", `mutation ($id: ID!) { markAnnouncementRead(id: $id) { id } }`, (w) => ({ id: w.announcementA })),
];
