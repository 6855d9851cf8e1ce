// Agency XML feeds through the gateway (and the CLI): XSD validation with per-item errors,
// idempotent imports by external id, archiving of what a full feed no longer lists, export →
// import round trips, and hostile XML refused before any parser sees it.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "@ppt/server-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createRealtorAccount, joinAgency } from "@ppt/testing/fixtures";
import { insertListing, portalToken } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let agencyA: string;
let agencyB: string;
let adminA: { realtorId: string; token: string; email: string };
let adminB: { realtorId: string; token: string };
let memberA: { realtorId: string; token: string };

const IMPORT = /* GraphQL */ `
  mutation ($agencyId: ID!, $xml: String!, $full: Boolean, $confirmArchive: Boolean) {
    importListingFeed(agencyId: $agencyId, xml: $xml, full: $full, confirmArchive: $confirmArchive) {
      id
      status
      fullFeed
      created
      updated
      unchanged
      archived
      failed
      errors {
        index
        externalId
        code
        message
      }
    }
  }
`;
const EXPORT = `query ($agencyId: ID!) { exportListingFeed(agencyId: $agencyId) }`;

interface Item {
  id: string;
  price?: string;
  energy?: string | null;
  status?: string;
  title?: string;
  extra?: string;
}

function feed(items: Item[], attributes = ""): string {
  const listing = (item: Item) => `
  <listing id="${item.id}">
    <type>APARTMENT</type>
    <transaction>SALE</transaction>
    ${item.status ? `<status>${item.status}</status>` : ""}
    <title>${item.title ?? `Byt ${item.id} &amp; garáž`}</title>
    <description>Tehlový byt v Košiciach.</description>
    <translations><description lang="en">Brick flat in Košice.</description></translations>
    <address visibility="FULL">
      <street>Hlavná</street><number>${item.id.length}</number><city>Košice</city><district>Košice I</district>
      <country>SK</country><latitude>48.7164</latitude><longitude>21.2611</longitude>
    </address>
    <price currency="EUR">${item.price ?? "150000.00"}</price>
    <area>68.5</area>
    <rooms>3</rooms>
    ${item.energy === null ? "" : `<energyClass>${item.energy ?? "B"}</energyClass>`}
    <features><feature>balkon</feature><feature>vytah</feature></features>
    ${item.extra ?? ""}
  </listing>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<listings version="1"${attributes}>${items.map(listing).join("")}\n</listings>\n`;
}

async function runImport(agencyId: string, xml: string, token = adminA.token, full?: boolean, confirmArchive?: boolean) {
  const result = await stack.query(IMPORT, { agencyId, xml, full, confirmArchive }, token);
  expect(result.errors).toBeUndefined();
  return result.data.importListingFeed;
}

beforeAll(async () => {
  stack = await startStack();
  agencyA = (await createAgency(stack.owner.prisma, "Feed A")).id;
  agencyB = (await createAgency(stack.owner.prisma, "Feed B")).id;
  const a = await createRealtorAccount(stack.owner.prisma, "Admin A");
  await joinAgency(stack.owner.prisma, agencyA, a.realtorId, "ADMIN");
  adminA = { realtorId: a.realtorId, email: a.email, token: await portalToken(stack, a.userId) };
  const b = await createRealtorAccount(stack.owner.prisma, "Admin B");
  await joinAgency(stack.owner.prisma, agencyB, b.realtorId, "ADMIN");
  adminB = { realtorId: b.realtorId, token: await portalToken(stack, b.userId) };
  const m = await createRealtorAccount(stack.owner.prisma, "Member A");
  await joinAgency(stack.owner.prisma, agencyA, m.realtorId);
  memberA = { realtorId: m.realtorId, token: await portalToken(stack, m.userId) };
});

afterAll(() => stack?.stop());

const listingsOf = (agencyId: string) => stack.owner.prisma.listing.findMany({ where: { agencyId }, orderBy: { externalId: "asc" } });

describe("importListingFeed", () => {
  it("imports valid items, reports each invalid one, and creates no duplicates when run twice", async () => {
    const xml = feed([
      { id: "KE-1" },
      { id: "KE-2", price: "99000" },
      { id: "KE-3", energy: "Z" }, // not in the XSD's enumeration
      { id: "KE-4", energy: null }, // Slovak and ACTIVE without an energy class
      { id: "KE-5", status: "RESERVED" },
      { id: "KE-6", extra: "<realtorEmail>nobody@example.sk</realtorEmail>" },
    ]);
    const first = await runImport(agencyA, xml);
    expect(first).toMatchObject({ status: "PARTIAL", fullFeed: true, created: 3, updated: 0, unchanged: 0, failed: 3 });
    expect(first.errors.map((e: any) => [e.index, e.externalId, e.code])).toEqual([
      [2, "KE-3", "BAD_USER_INPUT"],
      [3, "KE-4", "BAD_USER_INPUT"],
      [5, "KE-6", "NOT_FOUND"],
    ]);
    expect(first.errors[0].message).toMatch(/energyClass/);

    const second = await runImport(agencyA, xml);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 3, archived: 0, failed: 3 });
    const rows = await listingsOf(agencyA);
    expect(rows.map((r) => r.externalId)).toEqual(["KE-1", "KE-2", "KE-5"]);
    expect(rows[0]).toMatchObject({ title: "Byt KE-1 & garáž", status: "ACTIVE", realtorId: adminA.realtorId, features: ["balkon", "vytah"] });
    expect(rows[0]!.descriptionTranslations).toEqual({ en: "Brick flat in Košice." });
    expect(rows[2]!.status).toBe("RESERVED");
    expect(await stack.owner.prisma.importRun.count({ where: { agencyId: agencyA } })).toBe(2);
    // The ACTIVE ones (KE-1, KE-2) are announced; KE-5 is RESERVED.
    expect(await stack.owner.prisma.outboxEvent.count({ where: { eventType: "listing.published", aggregateId: { in: rows.map((r) => r.id) } } })).toBe(2);
  });

  it("updates what changed (with price history), archives what a full feed dropped, keeps it on a partial feed", async () => {
    const partial = await runImport(agencyA, feed([{ id: "KE-1", price: "145000" }], ' full="false"'));
    expect(partial).toMatchObject({ fullFeed: false, updated: 1, archived: 0 });
    const keRow = (await listingsOf(agencyA)).find((r) => r.externalId === "KE-1")!;
    const history = await stack.owner.prisma.listingPriceHistory.findMany({ where: { listingId: keRow.id }, orderBy: { changedAt: "asc" } });
    expect(history.map((h) => [h.oldPrice?.toString() ?? null, h.newPrice.toString(), h.importRunId !== null])).toEqual([
      [null, "150000", true],
      ["150000", "145000", true],
    ]);

    const full = await runImport(
      agencyA,
      feed([
        { id: "KE-1", price: "145000" },
        { id: "KE-2", price: "99000" },
      ]),
      adminA.token,
      undefined,
      true,
    );
    expect(full).toMatchObject({ status: "SUCCEEDED", unchanged: 2, archived: 1 });
    const rows = await listingsOf(agencyA);
    expect(rows.map((r) => [r.externalId, r.status])).toEqual([
      ["KE-1", "ACTIVE"],
      ["KE-2", "ACTIVE"],
      ["KE-5", "ARCHIVED"],
    ]);
    // It comes back when the feed lists it again.
    const back = await runImport(
      agencyA,
      feed([
        { id: "KE-1", price: "145000" },
        { id: "KE-2", price: "99000" },
        { id: "KE-5", status: "RESERVED" },
      ]),
    );
    expect(back).toMatchObject({ updated: 1, unchanged: 2, archived: 0 });
    expect((await listingsOf(agencyA)).find((r) => r.externalId === "KE-5")!.status).toBe("RESERVED");
  });

  it("refuses a full feed that would archive more than 20 % of the active listings unless confirmed", async () => {
    const agency = (await createAgency(stack.owner.prisma, "Feed guard")).id;
    await joinAgency(stack.owner.prisma, agency, adminA.realtorId, "ADMIN");
    const ten = Array.from({ length: 10 }, (_, i) => ({ id: `G-${i}` }));
    expect(await runImport(agency, feed(ten))).toMatchObject({ status: "SUCCEEDED", created: 10 });
    // Two of ten (20 %) may go without asking.
    expect(await runImport(agency, feed(ten.slice(0, 8)))).toMatchObject({ status: "SUCCEEDED", archived: 2 });

    const truncated = feed(ten.slice(0, 3));
    const refused = await stack.query(IMPORT, { agencyId: agency, xml: truncated }, adminA.token);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "ARCHIVE_CONFIRMATION_REQUIRED", archivable: 5, active: 8 });
    expect(refused.errors?.[0]?.message).toMatch(/would archive 5 of the agency's 8 active listings/);
    expect(await stack.owner.prisma.listing.count({ where: { agencyId: agency, status: "ACTIVE" } })).toBe(8);

    expect(await runImport(agency, truncated, adminA.token, false)).toMatchObject({ status: "SUCCEEDED", archived: 0 });
    expect(await runImport(agency, truncated, adminA.token, undefined, true)).toMatchObject({ status: "SUCCEEDED", archived: 5 });
    expect(await stack.owner.prisma.listing.count({ where: { agencyId: agency, status: "ACTIVE" } })).toBe(3);
  });

  it("round-trips: export then import changes nothing, and recreates the same listings in another agency", async () => {
    await insertListing(stack.owner.prisma, {
      realtorId: adminA.realtorId,
      agencyId: agencyA,
      title: "Vlastný byt z portálu",
      status: "DRAFT",
      publishedAt: null,
    });
    const exported = await stack.query(EXPORT, { agencyId: agencyA }, adminA.token);
    expect(exported.errors).toBeUndefined();
    const xml: string = exported.data.exportListingFeed;
    expect(xml).toContain("<realtorEmail>");

    const before = await listingsOf(agencyA);
    const again = await runImport(agencyA, xml);
    expect(again).toMatchObject({ status: "SUCCEEDED", created: 0, archived: 0, failed: 0 });
    const after = await listingsOf(agencyA);
    expect(after).toHaveLength(before.length);
    // The portal-made draft was taken over under its own id; from now on the export is a fixed point.
    expect(after.find((r) => r.title === "Vlastný byt z portálu")!.externalId).toBe(after.find((r) => r.title === "Vlastný byt z portálu")!.id);
    const fixedPoint = await runImport(agencyA, (await stack.query(EXPORT, { agencyId: agencyA }, adminA.token)).data.exportListingFeed);
    expect(fixedPoint).toMatchObject({ created: 0, updated: 0, archived: 0, failed: 0, unchanged: after.filter((r) => r.status !== "ARCHIVED").length });

    const intoB = await runImport(agencyB, xml.replaceAll(adminA.email, "someone-else@example.sk"), adminB.token);
    expect(intoB).toMatchObject({ failed: before.filter((r) => r.status !== "ARCHIVED").length });
    const intoBDefault = await runImport(agencyB, xml.replace(/<realtorEmail>[^<]*<\/realtorEmail>/g, ""), adminB.token);
    expect(intoBDefault).toMatchObject({ status: "SUCCEEDED", created: before.filter((r) => r.status !== "ARCHIVED").length });
    const fields = (r: Awaited<ReturnType<typeof listingsOf>>[number]) => ({
      title: r.title,
      description: r.description,
      translations: r.descriptionTranslations,
      status: r.status,
      price: r.price.toString(),
      sizeSqm: r.sizeSqm?.toString(),
      rooms: r.rooms,
      features: r.features,
      city: r.city,
      streetNumber: r.streetNumber,
      latitude: r.latitude,
      energyClass: r.energyClass,
    });
    const inA = after.filter((r) => r.status !== "ARCHIVED").map(fields);
    const inB = (await listingsOf(agencyB)).map(fields);
    expect(inB.sort((x, y) => x.title.localeCompare(y.title))).toEqual(inA.sort((x, y) => x.title.localeCompare(y.title)));
  });

  it("refuses DOCTYPEs and entities before parsing, recording nothing", async () => {
    const runs = await stack.owner.prisma.importRun.count();
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><listings>&lol2;</listings>`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE listings [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><listings><listing id="X">&xxe;</listing></listings>`;
    const sneaky = feed([{ id: "S-1" }]).replace("<listings", '<!ENTITY x "y"><listings');
    for (const xml of [bomb, xxe, sneaky]) {
      const result = await stack.query(IMPORT, { agencyId: agencyA, xml }, adminA.token);
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
    expect(await stack.owner.prisma.importRun.count()).toBe(runs);
  });

  it("fails a feed that is not the format as a whole, changing no listing", async () => {
    const before = await listingsOf(agencyA);
    const wrongRoot = await runImport(agencyA, `<?xml version="1.0"?><offers><offer/></offers>`);
    expect(wrongRoot.status).toBe("FAILED");
    const broken = await runImport(agencyA, `<?xml version="1.0"?><listings><listing id="A">`);
    expect(broken.status).toBe("FAILED");
    expect(await listingsOf(agencyA)).toEqual(before);
  });

  it("is for the agency's admins only", async () => {
    for (const token of [memberA.token, adminB.token]) {
      const result = await stack.query(IMPORT, { agencyId: agencyA, xml: feed([{ id: "Z-1" }]) }, token);
      expect(result.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      expect((await stack.query(EXPORT, { agencyId: agencyA }, token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    }
    const runs = await stack.query(
      `query ($a: ID!) { importRuns(agencyId: $a, first: 2) { totalCount edges { node { status } } } }`,
      { a: agencyA },
      adminA.token,
    );
    expect(runs.data.importRuns.totalCount).toBeGreaterThanOrEqual(6);
    expect(runs.data.importRuns.edges).toHaveLength(2);
  });
});

describe("npm run import", () => {
  it("imports a file with a progress bar and is idempotent", async () => {
    const agency = (await createAgency(stack.owner.prisma, "CLI agentúra")).id;
    const admin = await createRealtorAccount(stack.owner.prisma, "CLI Admin");
    await joinAgency(stack.owner.prisma, agency, admin.realtorId, "ADMIN");
    const dir = await mkdtemp(join(tmpdir(), "ppt-feed-"));
    const file = join(dir, "feed.xml");
    await writeFile(file, feed(Array.from({ length: 25 }, (_, i) => ({ id: `CLI-${i}` }))));
    // `npm run import` is this script; it is started the way npm would, without npm's own start-up.
    const script = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")).scripts.import as string;
    expect(script).toBe("tsx subgraphs/reality/src/modules/imports/cli.ts");
    const run = () =>
      promisify(execFile)(process.execPath, ["--import", "tsx", join(repoRoot, "subgraphs/reality/src/modules/imports/cli.ts"), file, "--agency", agency], {
        cwd: repoRoot,
        env: { ...process.env, REALITY_DATABASE_URL: stack.db.urlFor("reality") },
      });
    const first = await run();
    expect(first.stdout).toMatch(/SUCCEEDED — created 25, updated 0, unchanged 0, archived 0, failed 0/);
    expect(first.stderr).toMatch(/25\/25 listings/);
    const second = await run();
    expect(second.stdout).toMatch(/created 0, updated 0, unchanged 25/);
    expect(await stack.owner.prisma.listing.count({ where: { agencyId: agency } })).toBe(25);
  }, 120_000);

  it("exits non-zero with a summary when an item is refused, and asks before archiving much", async () => {
    const agency = (await createAgency(stack.owner.prisma, "CLI guard")).id;
    const admin = await createRealtorAccount(stack.owner.prisma, "CLI Guard Admin");
    await joinAgency(stack.owner.prisma, agency, admin.realtorId, "ADMIN");
    const dir = await mkdtemp(join(tmpdir(), "ppt-feed-"));
    const cli = (name: string, items: Item[], ...flags: string[]) =>
      writeFile(join(dir, name), feed(items)).then(() =>
        promisify(execFile)(
          process.execPath,
          ["--import", "tsx", join(repoRoot, "subgraphs/reality/src/modules/imports/cli.ts"), join(dir, name), "--agency", agency, ...flags],
          {
            cwd: repoRoot,
            env: { ...process.env, REALITY_DATABASE_URL: stack.db.urlFor("reality") },
          },
        ).then(
          (out) => ({ code: 0, ...out }),
          (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
        ),
      );
    const items = Array.from({ length: 5 }, (_, i) => ({ id: `CG-${i}` }));
    const partial = await cli("partial.xml", [...items, { id: "CG-bad", energy: null }]);
    expect(partial.code).toBe(1);
    expect(partial.stdout).toMatch(/PARTIAL — created 5, .* failed 1/);
    expect(partial.stdout).toMatch(/#5 CG-bad: BAD_USER_INPUT .*energy/);
    expect(partial.stderr).toMatch(/1 item\(s\) refused \(BAD_USER_INPUT 1\)/);

    const truncated = await cli("truncated.xml", items.slice(0, 2));
    expect(truncated.code).toBe(3);
    expect(truncated.stderr).toMatch(/would archive 3 of the agency's 5 active listings[\s\S]*--confirm-archive/);
    expect(await stack.owner.prisma.listing.count({ where: { agencyId: agency, status: "ACTIVE" } })).toBe(5);
    const confirmed = await cli("truncated.xml", items.slice(0, 2), "--confirm-archive");
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toMatch(/SUCCEEDED — .* archived 3, failed 0/);
  }, 120_000);
});
