// The property core end to end through the gateway: a resident reports a fault with a phone
// photo uploaded straight to S3 (real presigned PUT to s3rver) and the photo comes back without
// its GPS position; the fault's workflow leaves a complete, ordered history; residents see only
// their own buildings' faults; uploads that break the rules are refused and deleted; another
// organization cannot reach any of it; and a page of 50 faults costs what a page of 5 does.
// (Documents, which share the upload path, have their own suite beside the documents module.)
import { jpegWithGps } from "@ppt/testing/images";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, addOccupancy, addOwnership, createBuilding, createFault, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { stagingKeyOf } from "@ppt/server-kit";
import { confirmPropertyUpload, htmlPage, propertyUpload, replayUploadUrl, served, sha256 } from "@ppt/testing/uploads";

let stack: Stack;
let orgA: string;
let orgB: string;
let buildingX: string;
let buildingY: string;
let unitX: string;
let unitX2: string;
let unitY: string;
const users = {} as Record<"manager" | "contractor" | "residentX" | "neighbourX" | "residentY" | "managerB", string>;
const tokens = {} as Record<keyof typeof users, string>;

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  orgA = (await createOrganization(db, "Bytové družstvo Sever")).id;
  orgB = (await createOrganization(db, "Správa Juh")).id;
  buildingX = (await createBuilding(db, orgA, "Košice", "Hlavná", "10")).id;
  buildingY = (await createBuilding(db, orgA, "Košice", "Štúrova", "22")).id;
  const buildingB = (await createBuilding(db, orgB, "Prešov", "Masarykova", "5")).id;
  unitX = (await createUnit(db, orgA, buildingX, "1")).id;
  unitX2 = (await createUnit(db, orgA, buildingX, "2")).id;
  unitY = (await createUnit(db, orgA, buildingY, "1")).id;
  await createUnit(db, orgB, buildingB, "1");
  const roles: Record<keyof typeof users, [string, string[]]> = {
    manager: [orgA, ["manager"]],
    contractor: [orgA, ["contractor"]],
    residentX: [orgA, ["owner"]],
    neighbourX: [orgA, ["tenant"]],
    residentY: [orgA, ["tenant"]],
    managerB: [orgB, ["manager"]],
  };
  for (const [name, [org, role]] of Object.entries(roles) as [keyof typeof users, [string, string[]]][]) {
    users[name] = (await createUser(db, name, "Test")).id;
    await addMember(db, org, users[name]);
    tokens[name] = await stack.tokenFor(users[name], org, role);
  }
  await addOwnership(db, orgA, unitX, users.residentX);
  await addOccupancy(db, orgA, unitX2, users.neighbourX);
  await addOccupancy(db, orgA, unitY, users.residentY);
});

afterAll(() => stack?.stop());

const FAULT_FIELDS = /* GraphQL */ `
  id title status
  building { id } unit { id }
  reporter { id firstName } assignee { id }
  statusHistory { fromStatus toStatus changedBy { id } createdAt }
  attachments { id fileName contentType sizeBytes downloadUrl }
`;

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

async function objectKeyOf(uploadId: string): Promise<string> {
  return (await stack.owner.prisma.fileUpload.findUniqueOrThrow({ where: { id: uploadId } })).objectKey;
}

async function report(token: string, input: Record<string, unknown>) {
  return stack.query(
    `mutation ($input: ReportFaultInput!) { reportFault(input: $input) { ${FAULT_FIELDS} } }`,
    { input: { title: "Zatečený strop", description: "Kvapká zo stropu v kúpeľni.", ...input } },
    token,
  );
}

describe("a confirmed fault photo", () => {
  it("cannot be changed by any request its uploader can make afterwards", async () => {
    const { withGps, withoutGps } = jpegWithGps();
    const photo = { purpose: "FAULT_ATTACHMENT", fileName: 'strop "1".jpg', contentType: "image/jpeg" };
    const ticket = await propertyUpload(stack, tokens.residentX, photo, withGps);
    expect((await confirmPropertyUpload(stack, tokens.residentX, ticket.uploadId)).errors).toBeUndefined();
    const reported = await report(tokens.residentX, { buildingId: buildingX, unitId: unitX, category: "PLUMBING", attachmentUploadIds: [ticket.uploadId] });
    const faultId = reported.data.reportFault.id as string;
    const download = async () => {
      const fault = await stack.query(`query ($id: ID!) { fault(id: $id) { attachments { downloadUrl } } }`, { id: faultId }, tokens.manager);
      return served(fault.data.fault.attachments[0].downloadUrl);
    };
    const before = await download();
    expect(before).toMatchObject({ status: 200, sha256: sha256(withoutGps), contentType: "image/jpeg" });

    // The old URL, replayed with the GPS-tagged original, with HTML, at another length.
    await replayUploadUrl(ticket.url, ticket.headers, withGps);
    expect((await confirmPropertyUpload(stack, tokens.residentX, ticket.uploadId)).data.confirmUpload.status).toBe("CONFIRMED");
    // A new upload for the same fault: HTML declared as a photo is refused and attaches nothing.
    const second = await propertyUpload(stack, tokens.residentX, photo, htmlPage);
    expect((await confirmPropertyUpload(stack, tokens.residentX, second.uploadId)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const added = await stack.query(
      `mutation ($f: ID!, $u: ID!) { addFaultAttachment(faultId: $f, uploadId: $u) { id } }`,
      { f: faultId, u: second.uploadId },
      tokens.residentX,
    );
    expect(added.errors).toBeDefined();

    const after = await download();
    expect(after).toEqual(before);
    expect(after.contentDisposition).toBe(`inline; filename="strop \\"1\\".jpg"`);
  });
});

describe("a fault with a photo", () => {
  let faultId: string;
  let attachmentId: string;

  it("uploads a GPS-tagged photo through a presigned URL and serves it back without the GPS segment", async () => {
    const { withGps, withoutGps, gpsSegment } = jpegWithGps();
    const ticket = await uploadFile(tokens.residentX, "FAULT_ATTACHMENT", "strop.jpg", "image/jpeg", withGps);
    expect(ticket.url).toContain(encodeURIComponent(`org/${orgA}/fault-attachments/`).replace(/%2F/g, "/"));
    const confirmed = await confirm(tokens.residentX, ticket.uploadId);
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data.confirmUpload).toMatchObject({ status: "CONFIRMED", size: withoutGps.length, contentType: "image/jpeg" });

    const reported = await report(tokens.residentX, { buildingId: buildingX, unitId: unitX, category: "PLUMBING", attachmentUploadIds: [ticket.uploadId] });
    expect(reported.errors).toBeUndefined();
    const fault = reported.data.reportFault;
    faultId = fault.id;
    expect(fault).toMatchObject({
      status: "NEW",
      building: { id: buildingX },
      unit: { id: unitX },
      reporter: { id: users.residentX, firstName: "residentX" },
      assignee: null,
    });
    expect(fault.attachments).toHaveLength(1);
    attachmentId = fault.attachments[0].id;

    const downloaded = Buffer.from(await (await fetch(fault.attachments[0].downloadUrl)).arrayBuffer());
    expect(downloaded.equals(withoutGps)).toBe(true);
    expect(downloaded.includes(gpsSegment)).toBe(false);
    expect(downloaded.includes(Buffer.from("Exif\u0000\u0000", "latin1"))).toBe(false);
  });

  it("writes the fault.reported event and an audit entry with the fault", async () => {
    const events = await stack.owner.prisma.outboxEvent.findMany({ where: { aggregateId: faultId } });
    expect(events.map((e) => e.eventType)).toEqual(["fault.reported"]);
    expect(events[0]!.organizationId).toBe(orgA);
    expect(await stack.owner.prisma.auditLog.count({ where: { entityId: faultId, action: "fault.reported", actorUserId: users.residentX } })).toBe(1);
  });

  it("keeps a complete, ordered status history through triage, work, resolution and closing", async () => {
    const assign = await stack.query(
      `mutation ($id: ID!, $to: ID) { assignFault(id: $id, assigneeId: $to) { assignee { id } } }`,
      { id: faultId, to: users.contractor },
      tokens.manager,
    );
    expect(assign.errors).toBeUndefined();
    const move = (token: string, status: string, note?: string) =>
      stack.query(
        `mutation ($id: ID!, $s: FaultStatus!, $n: String) { changeFaultStatus(id: $id, status: $s, note: $n) { status allowedTransitions } }`,
        { id: faultId, s: status, n: note },
        token,
      );

    expect((await move(tokens.manager, "TRIAGED")).data.changeFaultStatus.status).toBe("TRIAGED");
    // The reporter may not start the work; the assigned contractor may.
    expect((await move(tokens.residentX, "IN_PROGRESS")).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await move(tokens.contractor, "IN_PROGRESS")).data.changeFaultStatus.status).toBe("IN_PROGRESS");
    expect((await move(tokens.contractor, "RESOLVED", "Vymenené tesnenie")).data.changeFaultStatus).toEqual({ status: "RESOLVED", allowedTransitions: [] });
    expect((await move(tokens.residentX, "CLOSED")).data.changeFaultStatus.status).toBe("CLOSED");

    const invalid = await move(tokens.manager, "IN_PROGRESS");
    expect(invalid.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    const result = await stack.query(`query ($id: ID!) { fault(id: $id) { ${FAULT_FIELDS} } }`, { id: faultId }, tokens.residentX);
    const history = result.data.fault.statusHistory;
    expect(history.map((h: { fromStatus: string | null; toStatus: string }) => [h.fromStatus, h.toStatus])).toEqual([
      [null, "NEW"],
      ["NEW", "TRIAGED"],
      ["TRIAGED", "IN_PROGRESS"],
      ["IN_PROGRESS", "RESOLVED"],
      ["RESOLVED", "CLOSED"],
    ]);
    expect(history.map((h: { changedBy: { id: string } }) => h.changedBy.id)).toEqual([
      users.residentX,
      users.manager,
      users.contractor,
      users.contractor,
      users.residentX,
    ]);
    const times = history.map((h: { createdAt: string }) => Date.parse(h.createdAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);

    const events = await stack.owner.prisma.outboxEvent.findMany({ where: { aggregateId: faultId }, orderBy: { createdAt: "asc" } });
    expect(events.filter((e) => e.eventType === "fault.status_changed")).toHaveLength(4);
    expect(events.filter((e) => e.eventType === "fault.assigned")).toHaveLength(1);
  });

  it("shows internal notes to staff only and lets only staff write them", async () => {
    const comment = (token: string, body: string, internal = false) =>
      stack.query(
        `mutation ($id: ID!, $b: String!, $i: Boolean) { commentOnFault(faultId: $id, body: $b, internal: $i) { id isInternal author { id } } }`,
        { id: faultId, b: body, i: internal },
        token,
      );
    expect((await comment(tokens.manager, "Objednaný inštalatér")).errors).toBeUndefined();
    expect((await comment(tokens.manager, "Nájomník bol nepríjemný", true)).errors).toBeUndefined();
    expect((await comment(tokens.residentX, "Ďakujem", true)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await comment(tokens.residentX, "Ďakujem")).errors).toBeUndefined();

    const read = (token: string) =>
      stack.query(`query ($id: ID!) { fault(id: $id) { comments(first: 10) { totalCount edges { node { body isInternal } } } } }`, { id: faultId }, token);
    const asReporter = (await read(tokens.residentX)).data.fault.comments;
    expect(asReporter.totalCount).toBe(2);
    expect(asReporter.edges.map((e: { node: { body: string } }) => e.node.body)).toEqual(["Objednaný inštalatér", "Ďakujem"]);
    expect((await read(tokens.manager)).data.fault.comments.totalCount).toBe(3);
  });

  it("gives another organization nothing: no fault, no attachment, no download URL, no confirm", async () => {
    const fault = await stack.query(`query ($id: ID!) { fault(id: $id) { attachments { downloadUrl } } }`, { id: faultId }, tokens.managerB);
    expect(fault.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(JSON.stringify(fault)).not.toContain("X-Amz-Signature");
    const attachment = await stack.query(`query ($id: ID!) { faultAttachment(id: $id) { downloadUrl } }`, { id: attachmentId }, tokens.managerB);
    expect(attachment.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(attachment.data?.faultAttachment ?? null).toBeNull();
    const upload = await stack.owner.prisma.faultAttachment.findUniqueOrThrow({ where: { id: attachmentId } });
    expect((await confirm(tokens.managerB, upload.fileUploadId!)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    // Nobody else of A gets it through a neighbour's unit either.
    expect(
      (await stack.query(`query ($id: ID!) { faultAttachment(id: $id) { id } }`, { id: attachmentId }, tokens.neighbourX)).errors?.[0]?.extensions?.code,
    ).toBe("NOT_FOUND");
  });
});

describe("who sees which fault", () => {
  it("shows a resident of building X the faults of X's common parts and their own unit, not Y's unless they reported them", async () => {
    const db = stack.owner.prisma;
    const xCommon = await createFault(db, { organizationId: orgA, buildingId: buildingX, reporterId: users.manager, title: "X: výťah" });
    const xNeighbour = await createFault(db, {
      organizationId: orgA,
      buildingId: buildingX,
      unitId: unitX2,
      reporterId: users.neighbourX,
      title: "X: susedov byt",
    });
    const yCommon = await createFault(db, { organizationId: orgA, buildingId: buildingY, reporterId: users.residentY, title: "Y: schodisko" });
    const yMine = await createFault(db, { organizationId: orgA, buildingId: buildingY, reporterId: users.residentX, title: "Y: nahlásil som pri návšteve" });

    const list = await stack.query(`{ faults(first: 100) { totalCount edges { node { id building { id } } } } }`, {}, tokens.residentX);
    expect(list.errors).toBeUndefined();
    const seen = list.data.faults.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(seen).toContain(xCommon.id);
    expect(seen).toContain(yMine.id);
    expect(seen).not.toContain(yCommon.id);
    expect(seen).not.toContain(xNeighbour.id);
    expect(list.data.faults.totalCount).toBe(seen.length);

    expect((await stack.query(`query ($id: ID!) { fault(id: $id) { id } }`, { id: yCommon.id }, tokens.residentX)).errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
    expect((await stack.query(`query ($id: ID!) { fault(id: $id) { id } }`, { id: yCommon.id }, tokens.residentY)).data.fault.id).toBe(yCommon.id);
    // Staff see all four; a resident cannot report into a building they do not live in.
    const staff = await stack.query(`query ($b: ID) { faults(first: 100, filter: { buildingId: $b }) { totalCount } }`, { b: buildingY }, tokens.manager);
    expect(staff.data.faults.totalCount).toBe(2);
    expect((await report(tokens.residentX, { buildingId: buildingY })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await report(tokens.residentX, { buildingId: buildingX, unitId: unitX2 })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("uploads that break the rules", () => {
  it("refuses a disallowed type or an oversized declaration at request, before any URL is issued", async () => {
    const request = (input: Record<string, unknown>) =>
      stack.query(
        `mutation ($input: RequestUploadInput!) { requestUpload(input: $input) { url } }`,
        { input: { purpose: "FAULT_ATTACHMENT", fileName: "x", ...input } },
        tokens.residentX,
      );
    const before = await stack.owner.prisma.fileUpload.count();
    for (const input of [
      { contentType: "application/x-msdownload", size: 1000 },
      { contentType: "image/svg+xml", size: 1000 },
      { contentType: "image/jpeg", size: 10 * 1024 * 1024 + 1 },
    ]) {
      const result = await request(input);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe("BAD_USER_INPUT");
      expect(result.data?.requestUpload ?? null).toBeNull();
    }
    expect(await stack.owner.prisma.fileUpload.count()).toBe(before);
  });

  it("deletes, at confirm, a file larger than declared that was uploaded to the issued URL anyway, and keeps no row", async () => {
    const { withoutGps } = jpegWithGps();
    const oversized = Buffer.concat([withoutGps, Buffer.alloc(4096, 1)]);
    const ticket = await uploadFile(tokens.residentX, "FAULT_ATTACHMENT", "big.jpg", "image/jpeg", oversized, withoutGps.length);
    const key = stagingKeyOf(await objectKeyOf(ticket.uploadId));
    expect(await stack.property.deps.storage.head(key)).not.toBeNull();
    const result = await confirm(tokens.residentX, ticket.uploadId);
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await stack.property.deps.storage.head(key)).toBeNull();
    expect(await stack.owner.prisma.fileUpload.count({ where: { id: ticket.uploadId } })).toBe(0);
  });

  it("deletes, at confirm, a file whose bytes are not the declared type", async () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n");
    const ticket = await uploadFile(tokens.residentX, "FAULT_ATTACHMENT", "photo.jpg", "image/jpeg", pdf);
    const key = await objectKeyOf(ticket.uploadId);
    expect((await confirm(tokens.residentX, ticket.uploadId)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await stack.property.deps.storage.head(key)).toBeNull();
    expect(await stack.owner.prisma.fileUpload.count({ where: { id: ticket.uploadId } })).toBe(0);
  });

  it("does not attach an unconfirmed upload or someone else's", async () => {
    const { withoutGps } = jpegWithGps();
    const pending = await uploadFile(tokens.residentX, "FAULT_ATTACHMENT", "a.jpg", "image/jpeg", withoutGps);
    expect((await report(tokens.residentX, { buildingId: buildingX, attachmentUploadIds: [pending.uploadId] })).errors?.[0]?.extensions?.code).toBe(
      "BAD_USER_INPUT",
    );
    await confirm(tokens.residentX, pending.uploadId);
    expect((await report(tokens.neighbourX, { buildingId: buildingX, attachmentUploadIds: [pending.uploadId] })).errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
    expect(await stack.owner.prisma.fault.count({ where: { reporterId: users.neighbourX, title: "Zatečený strop" } })).toBe(0);
  });
});

describe("a page of faults", () => {
  it("resolves 50 faults with reporter, assignee, building and unit in as many statements as 5", async () => {
    const db = stack.owner.prisma;
    const org = (await createOrganization(db, "Veľké družstvo")).id;
    const manager = (await createUser(db, "Veľký", "Správca")).id;
    await addMember(db, org, manager);
    const people: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = (await createUser(db, `Obyvateľ${i}`, "Test")).id;
      await addMember(db, org, id);
      people.push(id);
    }
    const buildings = [];
    const units = [];
    for (let b = 0; b < 5; b++) {
      const building = (await createBuilding(db, org, "Žilina", "Národná", String(b + 1))).id;
      buildings.push(building);
      for (let u = 0; u < 2; u++) units.push({ building, unit: (await createUnit(db, org, building, String(u + 1))).id });
    }
    for (let i = 0; i < 50; i++) {
      const { building, unit } = units[i % units.length]!;
      await createFault(db, {
        organizationId: org,
        buildingId: building,
        unitId: i % 3 === 0 ? null : unit,
        reporterId: people[i % people.length]!,
        assigneeId: i % 2 ? manager : null,
        title: `Porucha ${i}`,
      });
    }
    const token = await stack.tokenFor(manager, org, ["manager"]);
    const page = /* GraphQL */ `
      query ($first: Int!) {
        faults(first: $first) {
          totalCount
          edges {
            node {
              id
              title
              reporter {
                firstName
                lastName
              }
              assignee {
                lastName
              }
              building {
                street
                streetNumber
              }
              unit {
                designation
              }
              entrance {
                designation
              }
            }
          }
        }
      }
    `;
    const cost = async (first: number) => {
      const before = stack.queryCount();
      const result = await stack.query(page, { first }, token);
      expect(result.errors).toBeUndefined();
      expect(result.data.faults.edges).toHaveLength(first);
      return stack.queryCount() - before;
    };
    await cost(5); // warm-up: the gateway's query plan and the pools
    const five = await cost(5);
    const fifty = await cost(50);
    expect(fifty).toBe(five);
    expect(fifty).toBeLessThanOrEqual(12);
  });
});
