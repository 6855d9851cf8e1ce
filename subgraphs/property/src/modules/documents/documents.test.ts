// Documents through the gateway: versions uploaded straight to S3 (real presigned PUT to s3rver)
// are all kept and served, and a document shared with a building is visible to that building's
// residents only, and to nobody while it is in the trash.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, addOccupancy, addOwnership, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { confirmPropertyUpload, htmlPage, propertyUpload, replayUploadUrl, served, sha256 } from "@ppt/testing/uploads";

let stack: Stack;
let buildingX: string;
const users = {} as Record<"manager" | "residentX" | "residentY" | "managerB", string>;
const tokens = {} as Record<keyof typeof users, string>;

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const orgA = (await createOrganization(db, "Bytové družstvo Sever")).id;
  const orgB = (await createOrganization(db, "Správa Juh")).id;
  buildingX = (await createBuilding(db, orgA, "Košice", "Hlavná", "10")).id;
  const buildingY = (await createBuilding(db, orgA, "Košice", "Štúrova", "22")).id;
  const unitX = (await createUnit(db, orgA, buildingX, "1")).id;
  const unitY = (await createUnit(db, orgA, buildingY, "1")).id;
  const roles: Record<keyof typeof users, [string, string[]]> = {
    manager: [orgA, ["manager"]],
    residentX: [orgA, ["owner"]],
    residentY: [orgA, ["tenant"]],
    managerB: [orgB, ["manager"]],
  };
  for (const [name, [org, role]] of Object.entries(roles) as [keyof typeof users, [string, string[]]][]) {
    users[name] = (await createUser(db, name, "Test")).id;
    await addMember(db, org, users[name]);
    tokens[name] = await stack.tokenFor(users[name], org, role);
  }
  await addOwnership(db, orgA, unitX, users.residentX);
  await addOccupancy(db, orgA, unitY, users.residentY);
});

afterAll(() => stack?.stop());

async function uploadFile(token: string, purpose: string, fileName: string, contentType: string, body: Buffer, declaredSize = body.length) {
  const requested = await stack.query(
    `mutation ($input: RequestUploadInput!) { requestUpload(input: $input) { uploadId url headers { name value } expiresAt } }`,
    { input: { purpose, fileName, contentType, size: declaredSize } },
    token,
  );
  expect(requested.errors).toBeUndefined();
  const ticket = requested.data.requestUpload;
  const headers = Object.fromEntries(ticket.headers.map((h: { name: string; value: string }) => [h.name, h.value]));
  const put = await fetch(ticket.url, { method: "PUT", headers, body });
  expect(put.status).toBe(200);
  return ticket as { uploadId: string; url: string };
}

async function confirm(token: string, uploadId: string) {
  return stack.query(`mutation ($id: ID!) { confirmUpload(uploadId: $id) { id status size contentType } }`, { id: uploadId }, token);
}

describe("documents", () => {
  const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n`);
  const DOCUMENT = /* GraphQL */ `id title deletedAt currentVersion { versionNumber } versions { versionNumber fileName sizeBytes checksum uploadedBy { id } downloadUrl }`;

  async function newVersionUpload(text: string) {
    const ticket = await uploadFile(tokens.manager, "DOCUMENT_VERSION", `${text}.pdf`, "application/pdf", pdf(text));
    expect((await confirm(tokens.manager, ticket.uploadId)).errors).toBeUndefined();
    return ticket.uploadId;
  }

  it("keeps the first version when a second is uploaded, and serves both", async () => {
    const created = await stack.query(
      `mutation ($input: CreateDocumentInput!) { createDocument(input: $input) { ${DOCUMENT} } }`,
      { input: { title: "Zápisnica zo schôdze", buildingId: buildingX, uploadId: await newVersionUpload("v1") } },
      tokens.manager,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data.createDocument.id;
    const second = await stack.query(
      `mutation ($id: ID!, $u: ID!) { addDocumentVersion(documentId: $id, uploadId: $u) { ${DOCUMENT} } }`,
      { id, u: await newVersionUpload("v2") },
      tokens.manager,
    );
    expect(second.errors).toBeUndefined();
    const document = second.data.addDocumentVersion;
    expect(document.currentVersion.versionNumber).toBe(2);
    expect(document.versions.map((v: { versionNumber: number; fileName: string }) => [v.versionNumber, v.fileName])).toEqual([
      [2, "v2.pdf"],
      [1, "v1.pdf"],
    ]);
    const [v2, v1] = document.versions;
    expect(Buffer.from(await (await fetch(v1.downloadUrl)).arrayBuffer()).equals(pdf("v1"))).toBe(true);
    expect(Buffer.from(await (await fetch(v2.downloadUrl)).arrayBuffer()).equals(pdf("v2"))).toBe(true);
    expect(v1.checksum).not.toBe(v2.checksum);
  });

  it("shows a shared document to the building's residents only, and not while it is in the trash", async () => {
    const created = await stack.query(
      `mutation ($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`,
      { input: { title: "Revízia výťahu", uploadId: await newVersionUpload("revizia") } },
      tokens.manager,
    );
    const id = created.data.createDocument.id;
    const read = (token: string) => stack.query(`query ($id: ID!) { document(id: $id) { id versions { downloadUrl } } }`, { id }, token);
    expect((await read(tokens.residentX)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const shared = await stack.query(
      `mutation ($id: ID!) { shareDocument(documentId: $id, input: { buildingId: "${buildingX}" }) { shares { building { id } } } }`,
      { id },
      tokens.manager,
    );
    expect(shared.data.shareDocument.shares).toEqual([{ building: { id: buildingX } }]);
    expect((await read(tokens.residentX)).data.document.id).toBe(id);
    expect((await read(tokens.residentY)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await read(tokens.managerB)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const listed = await stack.query(`{ documents(first: 50) { totalCount edges { node { id } } } }`, {}, tokens.residentX);
    expect(listed.data.documents.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([id]);

    expect(
      (await stack.query(`mutation ($id: ID!) { deleteDocument(id: $id) { deletedAt } }`, { id }, tokens.manager)).data.deleteDocument.deletedAt,
    ).not.toBeNull();
    expect((await read(tokens.residentX)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const trash = await stack.query(`{ documents(first: 50, filter: { deleted: true }) { edges { node { id } } } }`, {}, tokens.manager);
    expect(trash.data.documents.edges).toEqual([{ node: { id } }]);
    expect(
      (await stack.query(`mutation ($id: ID!) { restoreDocument(id: $id) { deletedAt } }`, { id }, tokens.manager)).data.restoreDocument.deletedAt,
    ).toBeNull();
    expect((await read(tokens.residentX)).data.document.id).toBe(id);
  });
  it("shows a document shared with a person to that person only, refuses another organization's person, and hides it again once revoked", async () => {
    const created = await stack.query(
      `mutation ($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`,
      { input: { title: "Vyúčtovanie bytu", uploadId: await newVersionUpload("vyuctovanie") } },
      tokens.manager,
    );
    const id = created.data.createDocument.id as string;
    const read = (token: string) => stack.query(`query ($id: ID!) { document(id: $id) { id } }`, { id }, token);
    const share = (userId: string, token = tokens.manager) =>
      stack.query(
        `mutation ($id: ID!, $userId: ID!) { shareDocument(documentId: $id, input: { userId: $userId }) { shares { id user { id } building { id } roleKey } } }`,
        { id, userId },
        token,
      );

    const foreign = await share(users.managerB);
    expect(foreign.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await stack.owner.prisma.documentShare.count({ where: { documentId: id } })).toBe(0);
    expect((await share(users.residentX, tokens.residentY)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const shared = await share(users.residentY);
    expect(shared.errors).toBeUndefined();
    const [only] = shared.data.shareDocument.shares;
    expect(only).toMatchObject({ user: { id: users.residentY }, building: null, roleKey: null });
    expect((await read(tokens.residentY)).data.document.id).toBe(id);
    expect((await read(tokens.residentX)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await read(tokens.managerB)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await stack.owner.prisma.auditLog.count({ where: { entityId: id, action: "document.shared", actorUserId: users.manager } })).toBe(1);

    const unsharedByOther = await stack.query(`mutation ($s: ID!) { unshareDocument(shareId: $s) { id } }`, { s: only.id }, tokens.managerB);
    expect(unsharedByOther.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const revoked = await stack.query(`mutation ($s: ID!) { unshareDocument(shareId: $s) { shares { id } } }`, { s: only.id }, tokens.manager);
    expect(revoked.data.unshareDocument.shares).toEqual([]);
    expect((await read(tokens.residentY)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await stack.owner.prisma.auditLog.count({ where: { entityId: id, action: "document.unshared", actorUserId: users.manager } })).toBe(1);
  });
  it("refuses a share with a role the organization does not have, and writes nothing", async () => {
    const created = await stack.query(
      `mutation ($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`,
      { input: { title: "Stanovy", uploadId: await newVersionUpload("stanovy") } },
      tokens.manager,
    );
    const id = created.data.createDocument.id as string;
    const share = (roleKey: string) =>
      stack.query(
        `mutation ($id: ID!, $r: String!) { shareDocument(documentId: $id, input: { roleKey: $r }) { shares { roleKey } } }`,
        { id, r: roleKey },
        tokens.manager,
      );

    const unknown = await share("9b1f0c2e-no-such-role");
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.roleKey" });
    expect(await stack.owner.prisma.documentShare.count({ where: { documentId: id } })).toBe(0);
    expect((await share("owner")).data.shareDocument.shares).toEqual([{ roleKey: "owner" }]);
  });
});

describe("a confirmed document version", () => {
  it("cannot be changed by any request its uploader can make afterwards", async () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n");
    const file = { purpose: "DOCUMENT_VERSION", fileName: "zápisnica.pdf", contentType: "application/pdf" };
    const ticket = await propertyUpload(stack, tokens.manager, file, pdf);
    expect((await confirmPropertyUpload(stack, tokens.manager, ticket.uploadId)).errors).toBeUndefined();
    const created = await stack.query(
      `mutation ($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`,
      { input: { title: "Zápisnica", buildingId: buildingX, uploadId: ticket.uploadId } },
      tokens.manager,
    );
    const documentId = created.data.createDocument.id as string;
    const download = async () => {
      const doc = await stack.query(`query ($id: ID!) { document(id: $id) { versions { downloadUrl } } }`, { id: documentId }, tokens.manager);
      return served(doc.data.document.versions[0].downloadUrl);
    };
    const before = await download();
    expect(before).toMatchObject({ status: 200, sha256: sha256(pdf), contentType: "application/pdf" });

    await replayUploadUrl(ticket.url, ticket.headers, pdf);
    // A new version of the same document: HTML declared as a PDF is refused, the first version stays.
    const second = await propertyUpload(stack, tokens.manager, file, htmlPage);
    expect((await confirmPropertyUpload(stack, tokens.manager, second.uploadId)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const added = await stack.query(
      `mutation ($id: ID!, $u: ID!) { addDocumentVersion(documentId: $id, uploadId: $u) { id } }`,
      { id: documentId, u: second.uploadId },
      tokens.manager,
    );
    expect(added.errors).toBeDefined();

    const after = await download();
    expect(after).toEqual(before);
    expect(after.contentDisposition).toBe(`attachment; filename="z?pisnica.pdf"; filename*=UTF-8''z%C3%A1pisnica.pdf`);
  });
});
