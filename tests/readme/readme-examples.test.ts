// The README's GraphQL examples, run: the whole graph on a seeded database (as the first
// `npm start` leaves it), every ```graphql block of the README in order through the gateway with
// its ```json variables, signed in by the example it names. Each must answer without errors and
// with data; subscriptions run over graphql-ws and must deliver their first event. The ids of the
// "Development tokens" table must be the seed's, and sign in through a token minted like dev:token.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildASTSchema, parse, validate, type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveClient, subscribe } from "@ppt/testing/live";
import { startStack, type Stack } from "@ppt/testing/stack";
import { codeList, examples, section, tableRows } from "./readme.ts";

let stack: Stack;
let supergraph: GraphQLSchema;
const answers = new Map<string, Record<string, any>>();

beforeAll(async () => {
  stack = await startStack({ seed: true });
  const sdl = readFileSync(join(import.meta.dirname, "..", "..", "schema", "supergraph.graphql"), "utf8");
  supergraph = buildASTSchema(parse(sdl), { assumeValidSDL: true });
}, 300_000);

afterAll(() => stack?.stop());

/** Data a reader would call an answer: every top-level field non-null, every list or connection non-empty. */
function expectData(data: Record<string, any> | undefined) {
  expect(data).toBeTruthy();
  expect(Object.keys(data!).length).toBeGreaterThan(0);
  for (const [field, value] of Object.entries(data!)) {
    expect(value, field).not.toBeNull();
    if (Array.isArray(value)) expect(value.length, field).toBeGreaterThan(0);
    if (value && typeof value === "object" && Array.isArray(value.edges)) expect(value.edges.length, `${field}.edges`).toBeGreaterThan(0);
  }
}

function tokenOf(name: string): string {
  const answer = answers.get(name);
  if (!answer) throw new Error(`The example ${name} must come (and pass) before the examples it signs in`);
  const token = (Object.values(answer)[0] as { accessToken?: string } | null)?.accessToken;
  if (!token) throw new Error(`The example ${name} answered no accessToken`);
  return token;
}

const all = examples();

describe("README: GraphQL examples", () => {
  it("has the examples the README promises", () => {
    expect(all.map((e) => e.name)).toEqual(
      expect.arrayContaining(["Login", "CompleteMfaLogin", "BuildingsAndFaults", "SearchListings", "PortalLogin", "VoteTally"]),
    );
    expect(new Set(all.map((e) => e.name)).size).toBe(all.length);
  });

  it.each(all.map((e) => [e.name, e] as const))("%s is valid against the composed schema", (_, example) => {
    expect(validate(supergraph, parse(example.document)).map((e) => e.message)).toEqual([]);
  });

  // In order: a later example uses an earlier one's token.
  for (const example of all.filter((e) => !e.validateOnly)) {
    it(`${example.name} answers with data and no errors`, async () => {
      const token = example.signedInBy ? tokenOf(example.signedInBy) : undefined;
      if (example.kind === "subscription") {
        const client = liveClient(stack.gateway.url, token ?? null);
        const live = subscribe(client, example.document, example.variables);
        try {
          const [first] = await live.take(1);
          expect(first!.errors).toBeUndefined();
          expectData(first!.data);
        } finally {
          live.dispose();
          await client.dispose();
        }
        return;
      }
      const result = await stack.query(example.document, example.variables, token);
      expect(result.errors).toBeUndefined();
      expectData(result.data);
      answers.set(example.name, result.data);
    });
  }
});

describe("README: development token ids", () => {
  const rows = tableRows(section("Development tokens"));

  it("lists seeded accounts", () => {
    expect(rows.length).toBeGreaterThanOrEqual(5);
  });

  it.each(rows.map((row) => [row[0]!, row] as const))("%s: the ids are the seed's, and a token for them signs in", async (email, row) => {
    const [userId] = codeList(row[1]!);
    const [organizationId] = codeList(row[2]!);
    const roles = codeList(row[3]!);
    const member = await stack.owner.prisma.$queryRaw<{ email: string; roles: string[] }[]>`
      SELECT u.email, array(SELECT r.key FROM identity.user_roles ur JOIN identity.roles r ON r.id = ur.role_id
                            WHERE ur.user_id = u.id AND ur.organization_id = m.organization_id ORDER BY r.key) AS roles
      FROM identity.users u JOIN identity.organization_members m ON m.user_id = u.id
      WHERE u.id = ${userId}::uuid AND m.organization_id = ${organizationId}::uuid AND m.status = 'ACTIVE'`;
    expect(member).toEqual([{ email, roles }]);
    const token = await stack.tokenFor(userId!, organizationId!, roles);
    const me = await stack.query(`{ me { id email } currentOrganization { id } }`, {}, token);
    expect(me.errors).toBeUndefined();
    expect(me.data).toEqual({ me: { id: userId, email }, currentOrganization: { id: organizationId } });
  });
});
