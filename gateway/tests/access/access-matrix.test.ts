// The access-control matrix, generated from the supergraph itself: every Query and Mutation
// field is either on the public allowlist, a self-service field, or has an access case that
// is run as (a) nobody, (b) another organization, (c) the organization without permission (and
// the case's further refused members of A). Probes call the public account flows with garbage or
// with another's input, and self-service fields with someone else's object. Each compares the
// whole database before and after: nothing of A may change.
// The same cases run twice on one world: through the gateway, and with each root field sent
// straight to the subgraph that owns it, with the gateway's secret as the gateway would (a
// subgraph is not protected by the gateway's checks, only by its own); without the secret, every
// subgraph refuses every field.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { permissionsOf, type RoleKey } from "@ppt/property/organizations";
import { startStack, type GraphQLResponse, type Stack } from "@ppt/testing/stack";
import { accessCases, portalFields, probes, publicFields, selfFields, type AccessCase } from "./cases.ts";
import { operationFor, rootFields, servingGraphs } from "./operations.ts";
import { owningSubgraph, subgraphDocument } from "./subgraph-documents.ts";
import { createWorld, type World } from "./world.ts";

let stack: Stack;
let world: World;

/** Every row of the four schemas, fingerprinted: "nothing changed" means this is equal. */
async function fingerprint(): Promise<string> {
  const tables = await stack.owner.prisma.$queryRaw<{ name: string }[]>`
    SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
    WHERE schemaname IN ('platform','identity','property','reality') ORDER BY 1`;
  const parts = await Promise.all(
    tables.map(async ({ name }) => {
      const [row] = await stack.owner.prisma.$queryRawUnsafe<{ h: string }[]>(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${name} t`,
      );
      return `${name}:${row!.h}`;
    }),
  );
  return parts.join("\n");
}

/** Ids (and secrets) of A's objects: everything in the world but B's organization and staff. */
const idsOfA = () => Object.values(world).filter((id) => id !== world.orgB && id !== world.userB);

/** The same variables with every id of A replaced by one nobody has. */
const withMissingIds = (variables: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === "string" && idsOfA().includes(v) ? randomUUID() : v]));

/** Ids of A in an answer that the caller did not send and that are not the caller's own. */
function leakedIds(result: GraphQLResponse, variables: Record<string, unknown>, own: string[] = []): string[] {
  const answer = JSON.stringify(result);
  const sent = JSON.stringify(variables);
  return idsOfA().filter((id) => answer.includes(id) && !sent.includes(id) && !own.includes(id));
}

const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code;
const fieldName = (field: string) => field.split(".")[1]!;

/** A missing id's answer: NOT_FOUND, or what the case says a missing id gets. */
function expectMissing(accessCase: AccessCase, result: GraphQLResponse, who: string): void {
  if (accessCase.missingAs === "null") {
    expect(result.errors, who).toBeUndefined();
    expect(result.data?.[fieldName(accessCase.field)], who).toBeNull();
  } else {
    expect(codeOf(result), who).toBe(accessCase.missingAs ?? "NOT_FOUND");
  }
}

/** How a case's operation reaches the graph. */
interface Route {
  name: string;
  query(field: string, document: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResponse>;
}

const throughGateway: Route = {
  name: "through the gateway",
  query: (_field, document, variables, token) => stack.query(document, variables, token),
};

async function postToSubgraph(field: string, document: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const subgraph = owningSubgraph(field);
  const url = subgraph === "property" ? stack.property.url : stack.reality.url;
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: subgraphDocument(subgraph, document), variables }),
  });
  return { status: res.status, body: (await res.json()) as GraphQLResponse };
}

const straightToSubgraph: Route = {
  name: "straight to the owning subgraph",
  query: async (field, document, variables, token) =>
    (await postToSubgraph(field, document, variables, { ...stack.subgraphHeaders, ...(token ? { authorization: `Bearer ${token}` } : {}) })).body,
};

const tokenOf = (userId: string, organizationId: string, roles: RoleKey[]) =>
  stack.token({ sub: userId, org: organizationId, roles, permissions: permissionsOf(roles) });

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack.owner.prisma);
});
afterAll(() => stack?.stop());

describe("access matrix", () => {
  it("covers every root field of the supergraph", () => {
    const covered = new Set([...publicFields, ...selfFields, ...portalFields, ...accessCases.map((c) => c.field)]);
    const uncovered = rootFields().filter((field) => !covered.has(field));
    expect(uncovered, "add an access case (gateway/tests/access/<module>-cases.ts) or allowlist the field").toEqual([]);
  });

  it("probes every public mutation of the property subgraph without a token", () => {
    const probed = new Set(probes.filter((p) => p.caller(world) === null).map((p) => p.field));
    const publicMutations = [...publicFields].filter((field) => field.startsWith("Mutation.") && servingGraphs(field).includes("property"));
    expect(
      publicMutations.filter((field) => !probed.has(field)),
      "add an anonymous probe (gateway/tests/access/<module>-cases.ts)",
    ).toEqual([]);
  });
});

for (const route of [throughGateway, straightToSubgraph]) {
  describe(`access matrix, ${route.name}`, () => {
    it("self-service fields require a token", async () => {
      const before = await fingerprint();
      for (const field of selfFields) {
        // Required arguments get well-formed values: the field must refuse the caller, not the document.
        const { document, variables } = operationFor(field);
        const result = await route.query(field, document, variables);
        expect(codeOf(result), `${field}: ${document}`).toBe("UNAUTHENTICATED");
      }
      expect(await fingerprint()).toBe(before);
    });

    for (const accessCase of accessCases) {
      const third = accessCase.permission ? `a caller without ${accessCase.permission}` : "members of A without the right";
      it(`${accessCase.field}: nobody, another tenant and ${third} get nothing of A`, async () => {
        const { document } = accessCase;
        const variables = accessCase.variables(world);
        const before = await fingerprint();

        const anonymous = await route.query(accessCase.field, document, variables);
        expect(codeOf(anonymous), "nobody").toBe("UNAUTHENTICATED");

        const tenantB = await tokenOf(world.userB, world.orgB, ["org_admin"]);
        const otherTenant = await route.query(accessCase.field, document, variables, tenantB);
        if (accessCase.kind === "byId") {
          const missing = await route.query(accessCase.field, document, withMissingIds(variables), tenantB);
          expectMissing(accessCase, otherTenant, "another tenant");
          expect(otherTenant.data).toEqual(missing.data);
          expect(otherTenant.errors?.map((e) => e.message)).toEqual(missing.errors?.map((e) => e.message));
        }
        expect(leakedIds(otherTenant, variables)).toEqual([]);

        if (accessCase.permission) {
          const withoutPermission = await stack.token({
            sub: world.userA,
            org: world.orgA,
            roles: ["manager"],
            permissions: permissionsOf(["org_admin"]).filter((p) => p !== accessCase.permission),
          });
          const forbidden = await route.query(accessCase.field, document, variables, withoutPermission);
          expect(codeOf(forbidden), `without ${accessCase.permission}`).toBe("FORBIDDEN");
        } else {
          expect(accessCase.denied?.length, "a case without a permission names who is refused (denied)").toBeGreaterThan(0);
        }

        for (const denied of accessCase.denied ?? []) {
          const { userId, roles } = denied.as(world);
          const result = await route.query(accessCase.field, document, variables, await tokenOf(userId, world.orgA, roles));
          if (typeof denied.gets === "object") {
            // A list they may read, without the objects of A that are not theirs to see.
            expect(result.errors, denied.who).toBeUndefined();
            const answer = JSON.stringify(result.data);
            expect(
              denied.gets.hidden(world).filter((id) => answer.includes(id)),
              denied.who,
            ).toEqual([]);
          } else {
            if (denied.gets === "FORBIDDEN") expect(codeOf(result), denied.who).toBe("FORBIDDEN");
            else expectMissing(accessCase, result, denied.who);
            expect(leakedIds(result, variables, [userId, world.orgA]), denied.who).toEqual([]);
          }
        }

        expect(await fingerprint()).toBe(before);
      });
    }

    for (const probe of probes) {
      it(`${probe.field} (${probe.attempt}): ${probe.gets}, nothing of A changes`, async () => {
        const variables = probe.variables(world);
        const caller = probe.caller(world);
        const token = caller ? await tokenOf(caller.userId, caller.organizationId, caller.roles) : undefined;
        const before = await fingerprint();

        const result = await route.query(probe.field, probe.document, variables, token);
        if (probe.gets === "answer") {
          expect(result.errors).toBeUndefined();
        } else if (probe.gets === "missing") {
          const missing = await route.query(probe.field, probe.document, withMissingIds(variables), token);
          expect(codeOf(result)).toBe("NOT_FOUND");
          expect(result.data).toEqual(missing.data);
          expect(result.errors?.map((e) => e.message)).toEqual(missing.errors?.map((e) => e.message));
        } else {
          expect(codeOf(result), JSON.stringify(result.errors)).toBe(probe.gets);
        }
        expect(leakedIds(result, variables, caller ? [caller.userId, caller.organizationId] : [])).toEqual([]);

        expect(await fingerprint()).toBe(before);
      });
    }
  });
}

describe("access matrix, straight to a subgraph without the gateway's secret", () => {
  it("every subgraph refuses every field, even with a token of A that holds every permission", async () => {
    const admin = await tokenOf(world.userA, world.orgA, ["org_admin"]);
    const before = await fingerprint();
    const refused = new Set<string>();
    for (const { field, document, variables } of [...accessCases, ...probes]) {
      const { status, body } = await postToSubgraph(field, document, variables(world), { authorization: `Bearer ${admin}` });
      expect(status, field).toBe(403);
      expect(body.data, field).toBeUndefined();
      expect(codeOf(body), field).toBe("FORBIDDEN");
      refused.add(owningSubgraph(field));
    }
    expect([...refused].sort()).toEqual(["property", "reality"]);
    expect(await fingerprint()).toBe(before);
  });
});
