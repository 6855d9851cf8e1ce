// A resident's reading with a photo of the meter, end to end through the gateway: request an
// upload URL, PUT the JPEG straight to S3 (s3rver), confirm, submit the reading with the photo;
// the manager sees a photo URL that downloads the same bytes (without the phone's GPS segment),
// a neighbour cannot attach someone else's upload, the same upload is attached once only
// (CONFLICT UPLOAD_ALREADY_ATTACHED, nothing stored), and another organization sees nothing. The
// property worker (started in-process) reads the photo and attaches its suggestion beside the
// typed value, for the manager to compare; it never changes the value.
import { jpegWithGps } from "@ppt/testing/images";
import { createLogger } from "@ppt/server-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, addOwnership, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { confirmPropertyUpload, propertyUpload } from "@ppt/testing/uploads";
import { startPropertyWorker } from "../../jobs.ts";
import { meterPhoto } from "./meter-photos.ts";
import { stopOcr } from "./ocr.ts";

let stack: Stack;
let worker: Awaited<ReturnType<typeof startPropertyWorker>>;
let meterId: string;
/** A second hot-water meter of the same flat (kitchen and bathroom). */
let secondMeterId: string;
const tokens = {} as Record<"manager" | "owner" | "neighbour" | "managerB", string>;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysFromNow = (n: number) => iso(new Date(Date.now() + n * 86_400_000));

beforeAll(async () => {
  stack = await startStack({ redis: true });
  const db = stack.owner.prisma;
  const orgA = (await createOrganization(db, "Bytové družstvo Fotka")).id;
  const orgB = (await createOrganization(db, "Správa Cudzia")).id;
  const building = (await createBuilding(db, orgA, "Prešov", "Levočská", "7")).id;
  const unit = (await createUnit(db, orgA, building, "1")).id;
  const other = (await createUnit(db, orgA, building, "2")).id;
  const ids = {} as Record<keyof typeof tokens, string>;
  for (const [name, org, role] of [
    ["manager", orgA, "manager"],
    ["owner", orgA, "owner"],
    ["neighbour", orgA, "owner"],
    ["managerB", orgB, "manager"],
  ] as const) {
    ids[name] = (await createUser(db, name, "Test")).id;
    await addMember(db, org, ids[name]);
    tokens[name] = await stack.tokenFor(ids[name], org, [role]);
  }
  await addOwnership(db, orgA, unit, ids.owner);
  await addOwnership(db, orgA, other, ids.neighbour);
  const meter = await stack.query(
    `mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id } }`,
    { input: { buildingId: building, unitId: unit, kind: "WATER_HOT", serialNumber: "FOTO-1", installedOn: "2025-01-01", initialReading: "10" } },
    tokens.manager,
  );
  meterId = meter.data.createMeter.id;
  const second = await stack.query(
    `mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id } }`,
    { input: { buildingId: building, unitId: unit, kind: "WATER_HOT", serialNumber: "FOTO-2", installedOn: "2025-01-01", initialReading: "20" } },
    tokens.manager,
  );
  secondMeterId = second.data.createMeter.id;
  const period = await stack.query(
    `mutation ($input: OpenMeterReadingPeriodInput!) { openMeterReadingPeriod(input: $input) { id } }`,
    {
      input: {
        buildingId: building,
        kind: "WATER_HOT",
        periodStart: "2025-01-01",
        periodEnd: "2025-12-31",
        opensOn: daysFromNow(-1),
        closesOn: daysFromNow(3),
      },
    },
    tokens.manager,
  );
  expect(period.errors).toBeUndefined();
  worker = await startPropertyWorker(stack.config, { port: 0, logger: createLogger("property-worker", "silent") });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await stopOcr();
  await stack?.stop();
});

const photo = { purpose: "METER_READING_PHOTO", fileName: "vodomer.jpg", contentType: "image/jpeg" };
const READING_PHOTO = `query ($id: ID!) { meter(id: $id) { readings { id value source photoUrl } } }`;

describe("a meter reading with a photo", () => {
  it("goes from a presigned upload to the manager's download", async () => {
    const { withGps, withoutGps, gpsSegment } = jpegWithGps();
    const ticket = await propertyUpload(stack, tokens.owner, photo, withGps);
    expect((await confirmPropertyUpload(stack, tokens.owner, ticket.uploadId)).errors).toBeUndefined();

    // A neighbour cannot attach the owner's upload to their own reading.
    const stolen = await stack.query(
      `mutation ($input: SubmitMeterReadingInput!) { submitMeterReading(input: $input) { id } }`,
      { input: { meterId, value: "12.5", photoUploadId: ticket.uploadId } },
      tokens.neighbour,
    );
    expect(stolen.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    const submitted = await stack.query(
      `mutation ($input: SubmitMeterReadingInput!) { submitMeterReading(input: $input) { id value photoUrl } }`,
      { input: { meterId, value: "12.5", photoUploadId: ticket.uploadId } },
      tokens.owner,
    );
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitMeterReading.photoUrl).toMatch(/^https?:\/\//);

    const seen = await stack.query(READING_PHOTO, { id: meterId }, tokens.manager);
    expect(seen.errors).toBeUndefined();
    const reading = seen.data.meter.readings.find((r: { id: string }) => r.id === submitted.data.submitMeterReading.id);
    expect(reading).toMatchObject({ value: "12.5", source: "RESIDENT", photoUrl: expect.stringMatching(/^https?:\/\//) });
    const res = await fetch(reading.photoUrl);
    expect(res.status).toBe(200);
    const downloaded = Buffer.from(await res.arrayBuffer());
    expect(downloaded.equals(withoutGps)).toBe(true);
    expect(downloaded.includes(gpsSegment)).toBe(false);
  });

  it("attaches an upload to one reading only", async () => {
    const ticket = await propertyUpload(stack, tokens.owner, photo, meterPhoto("0000013", { style: "drum" }));
    expect((await confirmPropertyUpload(stack, tokens.owner, ticket.uploadId)).errors).toBeUndefined();
    const SUBMIT = `mutation ($input: SubmitMeterReadingInput!) { submitMeterReading(input: $input) { id value } }`;
    const first = await stack.query(SUBMIT, { input: { meterId, value: "13", photoUploadId: ticket.uploadId } }, tokens.owner);
    expect(first.errors).toBeUndefined();

    // The same photo for the flat's other meter, then again for the first one with another value.
    for (const [target, value] of [
      [secondMeterId, "21"],
      [meterId, "13.5"],
    ] as const) {
      const again = await stack.query(SUBMIT, { input: { meterId: target, value, photoUploadId: ticket.uploadId } }, tokens.owner);
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "UPLOAD_ALREADY_ATTACHED" });
    }
    const db = stack.owner.prisma;
    expect(await db.meterReading.count({ where: { photoUploadId: ticket.uploadId } })).toBe(1);
    expect(await db.meterReading.count({ where: { meterId: secondMeterId, kind: "REGULAR" } })).toBe(0);
    expect((await db.meterReading.findUnique({ where: { id: first.data.submitMeterReading.id } }))?.value.toString()).toBe("13");

    // Below the application's check, the database refuses a second row with the same upload.
    const stored = (await db.meterReading.findUnique({ where: { id: first.data.submitMeterReading.id } }))!;
    await expect(
      db.meterReading.create({
        data: {
          organizationId: stored.organizationId,
          meterId: secondMeterId,
          value: "22",
          readAt: new Date(),
          photoUploadId: ticket.uploadId,
          photoKey: stored.photoKey,
        },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
  }, 60_000);

  it("shows another organization neither the reading nor its photo", async () => {
    const other = await stack.query(READING_PHOTO, { id: meterId }, tokens.managerB);
    expect(other.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("gets the value read from the photo by the worker as a suggestion beside the typed one", async () => {
    // The counter shows 14 m³; the resident types 41 by mistake.
    const ticket = await propertyUpload(stack, tokens.owner, photo, meterPhoto("0000014", { style: "drum", rotation: 1.5, glare: 0.4 }));
    expect((await confirmPropertyUpload(stack, tokens.owner, ticket.uploadId)).errors).toBeUndefined();
    const submitted = await stack.query(
      `mutation ($input: SubmitMeterReadingInput!) { submitMeterReading(input: $input) { id value suggestedValue suggestionDiffers } }`,
      { input: { meterId, value: "41", photoUploadId: ticket.uploadId } },
      tokens.owner,
    );
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitMeterReading).toMatchObject({ value: "41", suggestedValue: null, suggestionDiffers: false });
    const id = submitted.data.submitMeterReading.id;

    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !(await stack.owner.prisma.meterReading.findUnique({ where: { id } }))?.ocrValue) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const seen = await stack.query(
      `query ($id: ID!) { meter(id: $id) { readings { id value status suggestedValue suggestionConfidence suggestionDiffers } } }`,
      { id: meterId },
      tokens.manager,
    );
    expect(seen.errors).toBeUndefined();
    const reading = seen.data.meter.readings.find((r: { id: string }) => r.id === id);
    expect(reading).toMatchObject({ value: "41", suggestedValue: "14", suggestionDiffers: true });
    expect(reading.suggestionConfidence).toBeGreaterThanOrEqual(75);
  }, 90_000);
});
