// A pagination cursor is client input: whatever a client crafts in `after` is BAD_USER_INPUT on
// every paginated field, never an internal error (issue 12, finding 9).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let token: string;
beforeAll(async () => {
  stack = await startStack();
  const org = await createOrganization(stack.owner.prisma);
  const user = await createUser(stack.owner.prisma);
  token = await stack.tokenFor(user.id, org.id, ["org_admin"]);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const encode = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const UUID = "00000000-0000-4000-8000-000000000000";

const CURSORS: Record<string, string> = {
  "not base64": "%%%$$$***",
  "base64 of no JSON": encode("{{{not json"),
  "JSON null": encode("null"),
  "JSON object": encode({ id: UUID }),
  "empty array": encode([]),
  "numbers for strings": encode([1, 2, 3, 4]),
  nulls: encode([null, null, null, null]),
  "impossible date": encode(["2026-13-45T99:99:99Z", UUID]),
  "text date": encode(["yesterday", UUID]),
  "not a uuid": encode([new Date().toISOString(), "not-a-uuid"]),
  "huge number": encode([1e308, UUID]),
  "huge string": encode(["x".repeat(100_000), UUID]),
  "nested arrays": encode([[[[]]], { a: 1 }]),
  "listing sort with a bad date": encode(["NEWEST", "not a date", UUID]),
  "listing sort with a bad price": encode(["PRICE_ASC", "1e999999", UUID]),
  "listing sort with a bad uuid": encode(["PRICE_ASC", "100", "x'); DROP TABLE x; --"]),
};

const FIELDS: { name: string; query: string; anonymous?: boolean; validCursors?: string[] }[] = [
  { name: "buildings", query: `query ($after: String) { buildings(after: $after) { totalCount } }` },
  { name: "faults", query: `query ($after: String) { faults(after: $after) { totalCount } }` },
  { name: "announcements", query: `query ($after: String) { announcements(after: $after) { totalCount } }` },
  { name: "votes", query: `query ($after: String) { votes(after: $after) { totalCount } }` },
  { name: "documents", query: `query ($after: String) { documents(after: $after) { totalCount } }` },
  // Folders sort by name: any text followed by a uuid is a cursor.
  {
    name: "documentFolders",
    query: `query ($after: String) { documentFolders(after: $after) { totalCount } }`,
    validCursors: ["impossible date", "text date"],
  },
  { name: "conversations", query: `query ($after: String) { conversations(after: $after) { totalCount } }` },
  { name: "members", query: `query ($after: String) { members(after: $after) { totalCount } }` },
  { name: "auditLog", query: `query ($after: String) { auditLog(after: $after) { edges { cursor } } }` },
  { name: "apiClients", query: `query ($after: String) { apiClients(after: $after) { edges { cursor } } }` },
  ...["NEWEST", "PRICE_ASC", "SIZE_DESC", "RELEVANCE"].map((sort) => ({
    name: `searchListings ${sort}`,
    query: `query ($after: String) { searchListings(sort: ${sort}, after: $after) { totalCount } }`,
    anonymous: true,
  })),
];

describe("crafted cursors", () => {
  it("are BAD_USER_INPUT on every paginated field", async () => {
    const wrong: string[] = [];
    for (const field of FIELDS) {
      for (const [label, after] of Object.entries(CURSORS)) {
        if (field.validCursors?.includes(label)) continue;
        const answer = await stack.query(field.query, { after }, field.anonymous ? undefined : token);
        const code = answer.errors?.[0]?.extensions?.code;
        if (code !== "BAD_USER_INPUT")
          wrong.push(`${field.name} / ${label}: ${typeof code === "string" ? code : "no error"} ${answer.errors?.[0]?.message ?? ""}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
