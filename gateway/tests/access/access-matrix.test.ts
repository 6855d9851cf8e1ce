// The access-control matrix, generated from the supergraph itself: every Query and Mutation
// field is either on the public allowlist, a self-service field, or has an access case that
// is run as (a) nobody, (b) another organization, (c) the organization without permission.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { buildASTSchema, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { permissionsOf, repoRoot } from "@ppt/server-kit";
import { startStack, type Stack } from "../support/stack.ts";
import { accessCases, publicFields, selfFields } from "./cases.ts";
import { createWorld, type World } from "./world.ts";

/** The API schema's root fields, read from the committed supergraph. */
function rootFields(): string[] {
  const sdl = readFileSync(join(repoRoot, "schema", "supergraph.graphql"), "utf8");
  const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
  return [schema.getQueryType(), schema.getMutationType()]
    .filter((type) => type !== null && type !== undefined)
    .flatMap((type) => Object.keys(type!.getFields()).map((field) => `${type!.name}.${field}`));
}

let stack: Stack;
let world: World;

/** Every row of the four schemas, fingerprinted: "nothing changed" means this is equal. */
async function fingerprint(): Promise<string> {
  const tables = await stack.owner.prisma.$queryRaw<{ name: string }[]>`
    SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
    WHERE schemaname IN ('platform','identity','property','reality') ORDER BY 1`;
  const parts = await Promise.all(
    tables.map(async ({ name }) => {
      const [row] = await stack.owner.prisma.$queryRawUnsafe<{ h: string }[]>(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${name} t`);
      return `${name}:${row!.h}`;
    }),
  );
  return parts.join("\n");
}

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack.owner.prisma);
});
afterAll(() => stack?.stop());

describe("access matrix", () => {
  it("covers every root field of the supergraph", () => {
    const covered = new Set([...publicFields, ...selfFields, ...accessCases.map((c) => c.field)]);
    const uncovered = rootFields().filter((field) => !covered.has(field));
    expect(uncovered, "add an access case (gateway/tests/access/cases.ts) or allowlist the field").toEqual([]);
  });

  it("self-service fields require a token", async () => {
    for (const field of selfFields) {
      const name = field.split(".")[1];
      const operation = field.startsWith("Mutation.") ? "mutation" : "query";
      const result = await stack.query(`${operation} { ${name} { __typename } }`);
      expect(result.errors?.[0]?.extensions?.code, field).toBe("UNAUTHENTICATED");
    }
  });

  for (const accessCase of accessCases) {
    it(`${accessCase.field}: nobody, another tenant and a caller without ${accessCase.permission} get nothing of A`, async () => {
      const variables = accessCase.variables(world);
      const before = await fingerprint();
      const idsOfA = Object.values(world).filter((id) => id !== world.orgB && id !== world.userB);

      const anonymous = await stack.query(accessCase.document, variables);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

      const otherTenant = await stack.query(accessCase.document, variables, await stack.tokenFor(world.userB, world.orgB, ["org_admin"]));
      if (accessCase.kind === "byId") {
        const missing = await stack.query(
          accessCase.document,
          Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === "string" && idsOfA.includes(v) ? randomUUID() : v])),
          await stack.tokenFor(world.userB, world.orgB, ["org_admin"]),
        );
        expect(otherTenant.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
        expect(otherTenant.data).toEqual(missing.data);
        expect(otherTenant.errors?.map((e) => e.message)).toEqual(missing.errors?.map((e) => e.message));
      }
      const leaked = idsOfA.filter((id) => JSON.stringify(otherTenant).includes(id) && !JSON.stringify(variables).includes(id));
      expect(leaked).toEqual([]);

      const withoutPermission = await stack.token({
        sub: world.userA,
        org: world.orgA,
        roles: ["manager"],
        permissions: permissionsOf(["org_admin"]).filter((p) => p !== accessCase.permission),
      });
      const forbidden = await stack.query(accessCase.document, variables, withoutPermission);
      expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

      expect(await fingerprint()).toBe(before);
    });
  }
});
