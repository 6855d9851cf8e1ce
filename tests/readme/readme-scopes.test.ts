// The README's API-client scope table is the code's: every permission of the kit is a row (and no
// other), each row names exactly the organization roles that hold it in the role table, and the
// reads a client makes organization-wide are the ones the README says so.
import { describe, expect, it } from "vitest";
import { organizationRoleKeys, rolePermissions } from "@ppt/property/organizations";
import { permissions, readScopeOf, type Caller, type Permission, type ReadKind } from "@ppt/server-kit";
import { codeList, section, tableRows } from "./readme.ts";

const rows = tableRows(section("API-client scopes"));
const byScope = new Map(rows.map((row) => [codeList(row[0]!)[0]!, row]));
const readKinds: ReadKind[] = ["buildings", "faults", "votes", "announcements", "documents"];

/** A partner client holding only `scope`. */
const client = (scope: Permission) => ({ clientId: "readme", permissions: new Set([scope]) }) as unknown as Caller;

describe("README: API-client scopes", () => {
  it("lists every scope of the code, once, and nothing else", () => {
    expect(rows.length).toBe(byScope.size);
    expect([...byScope.keys()].sort()).toEqual([...permissions].sort());
  });

  it.each([...permissions])("%s names the roles that hold it", (scope) => {
    const holders = organizationRoleKeys.filter((role) => rolePermissions[role].includes(scope));
    expect(codeList(byScope.get(scope)![2]!)).toEqual(holders);
  });

  it.each(readKinds)("%s:read reads the whole organization, as the README says", (kind) => {
    const scope = `${kind}:read` as Permission;
    expect(readScopeOf(client(scope), kind)).toBe("organization");
    expect(byScope.get(scope)![1]).toMatch(/whole organization/);
  });

  it("says 'whole organization' of no other scope", () => {
    const wide = [...byScope].filter(([, row]) => /whole organization/.test(row[1]!)).map(([scope]) => scope);
    expect(wide.sort()).toEqual(readKinds.map((k) => `${k}:read`).sort());
  });
});
