// Table ownership (ARCHITECTURE.md): first the checker on small planted trees, then the real one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeFinding, doubleClaims, foreignTableUses, ownersOfRepo, tablesOfSchema, type Owner } from "./table-ownership.ts";

const root = join(import.meta.dirname, "..", "..");

const schema = `
model Fault {
  id String @id
  @@map("faults")
  @@schema("property")
}
model Building {
  id String @id
  @@map("buildings")
  @@schema("property")
}
model OutboxEvent {
  id String @id
  @@map("outbox_events")
  @@schema("platform")
}
`;

describe("the checker", () => {
  it("reads table names from @@schema and @@map", () => {
    expect([...tablesOfSchema(schema)]).toEqual([
      ["Fault", { table: "property.faults", delegate: "fault" }],
      ["Building", { table: "property.buildings", delegate: "building" }],
      ["OutboxEvent", { table: "platform.outbox_events", delegate: "outboxEvent" }],
    ]);
  });

  const owners = (faultsCode: string): Owner[] => [
    { name: "property/faults", files: [{ path: "faults/service.ts", text: faultsCode }], tables: ["property.faults"] },
    { name: "property/buildings", files: [], tables: ["property.buildings"] },
    { name: "kit", files: [], tables: ["platform.outbox_events"] },
  ];

  it("passes a module that names only its own tables", () => {
    const code = `await tx.fault.create({ data });\nawait tx.$queryRaw\`SELECT id FROM property.faults\`;\n// property.buildings in a comment is fine`;
    expect(foreignTableUses(schema, owners(code))).toEqual([]);
    expect(doubleClaims(owners(code))).toEqual([]);
  });

  it("finds another module's table named by delegate and by SQL (quoted or not), and an unowned one", () => {
    const code = `const ok = 1;\nawait tx.building.findMany();\nawait db.$queryRaw\`SELECT * FROM "property"."buildings"\`;\nawait tx.$executeRaw\`INSERT INTO platform.outbox_events\`;`;
    const found = foreignTableUses(schema, owners(code));
    expect(found.map(describeFinding)).toEqual([
      "property/faults: faults/service.ts:2 names property.buildings (delegate), owned by property/buildings",
      "property/faults: faults/service.ts:3 names property.buildings (sql), owned by property/buildings",
      "property/faults: faults/service.ts:4 names platform.outbox_events (sql), owned by kit",
    ]);
    const unowned = owners(`await tx.building.count();`).map((o) => (o.name === "property/buildings" ? { ...o, tables: [] } : o));
    expect(foreignTableUses(schema, unowned).map(describeFinding)).toEqual([
      "property/faults: faults/service.ts:1 names property.buildings (delegate), owned by nobody",
    ]);
  });

  it("reports a table claimed twice", () => {
    const twice = [...owners(""), { name: "property/voting", files: [], tables: ["property.faults"] }];
    expect(doubleClaims(twice)).toEqual(["property.faults is claimed by property/faults and property/voting"]);
  });
});

describe("the repository", () => {
  it("gives every table at most one owner, and every module only its own tables", async () => {
    const prismaSchema = readFileSync(join(root, "prisma", "schema.prisma"), "utf8");
    const owners = await ownersOfRepo(root);
    const problems = [...doubleClaims(owners), ...foreignTableUses(prismaSchema, owners).map(describeFinding)];
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
