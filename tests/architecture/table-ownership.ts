// Who may name which table: every table has at most one owner (a module's tables.ts or the kit's),
// and a module's code names (by Prisma delegate or in SQL) only the tables its own manifest lists.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface SourceFile {
  path: string;
  text: string;
}
export interface Owner {
  /** "property/faults", or "kit". */
  name: string;
  /** Files of the owner's code that are checked (a module's non-test .ts files; none for the kit). */
  files: SourceFile[];
  tables: readonly string[];
}
export interface Finding {
  owner: string;
  file: string;
  line: number;
  table: string;
  tableOwner: string | null;
  via: "delegate" | "sql";
}

/** Model name → "schema.table" from a Prisma schema (`@@map` or the model's own name, `@@schema`). */
export function tablesOfSchema(schema: string): Map<string, { table: string; delegate: string }> {
  const models = new Map<string, { table: string; delegate: string }>();
  for (const m of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, model, body] = m as unknown as [string, string, string];
    const map = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? model;
    const pgSchema = /@@schema\("([^"]+)"\)/.exec(body)?.[1] ?? "public";
    models.set(model, { table: `${pgSchema}.${map}`, delegate: model[0]!.toLowerCase() + model.slice(1) });
  }
  return models;
}

/** Tables claimed by two owners, as readable lines. */
export function doubleClaims(owners: Owner[]): string[] {
  const claimedBy = new Map<string, string[]>();
  for (const o of owners) for (const t of o.tables) claimedBy.set(t, [...(claimedBy.get(t) ?? []), o.name]);
  return [...claimedBy].filter(([, names]) => names.length > 1).map(([t, names]) => `${t} is claimed by ${names.join(" and ")}`);
}

/** Every place a module's code names a table it does not own. */
export function foreignTableUses(schema: string, owners: Owner[]): Finding[] {
  const models = [...tablesOfSchema(schema).values()];
  const ownerOf = new Map<string, string>();
  for (const o of owners) for (const t of o.tables) ownerOf.set(t, o.name);
  const findings: Finding[] = [];
  for (const owner of owners) {
    const own = new Set(owner.tables);
    for (const file of owner.files) {
      file.text.split("\n").forEach((text, i) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(text)) return;
        for (const { table, delegate } of models) {
          if (own.has(table)) continue;
          const [pgSchema, name] = table.split(".") as [string, string];
          const viaDelegate = new RegExp(`\\b(tx|prisma|db|client|trx)\\.${delegate}\\.`).test(text);
          const viaSql = new RegExp(`\\b"?${pgSchema}"?\\."?${name}"?\\b`).test(text);
          if (viaDelegate || viaSql)
            findings.push({
              owner: owner.name,
              file: file.path,
              line: i + 1,
              table,
              tableOwner: ownerOf.get(table) ?? null,
              via: viaDelegate ? "delegate" : "sql",
            });
        }
      });
    }
  }
  return findings;
}

export function describeFinding(f: Finding): string {
  return `${f.owner}: ${f.file}:${f.line} names ${f.table} (${f.via}), owned by ${f.tableOwner ?? "nobody"}`;
}

function sourceFiles(dir: string, root: string): SourceFile[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path, root);
    if (!name.endsWith(".ts") || name.endsWith(".test.ts") || name === "tables.ts") return [];
    return [{ path: relative(root, path), text: readFileSync(path, "utf8") }];
  });
}

/** The owners of the repository at `root`: each module folder with its tables.ts (or none), and the kit. */
export async function ownersOfRepo(root: string): Promise<Owner[]> {
  const owners: Owner[] = [];
  for (const subgraph of readdirSync(join(root, "subgraphs"))) {
    const modules = join(root, "subgraphs", subgraph, "src", "modules");
    for (const module of readdirSync(modules)) {
      const dir = join(modules, module);
      if (!statSync(dir).isDirectory()) continue;
      owners.push({ name: `${subgraph}/${module}`, files: sourceFiles(dir, root), tables: await manifest(join(dir, "tables.ts")) });
    }
  }
  owners.push({ name: "kit", files: [], tables: await manifest(join(root, "libs", "server-kit", "src", "tables.ts")) });
  return owners;
}

async function manifest(path: string): Promise<readonly string[]> {
  try {
    statSync(path);
  } catch {
    return [];
  }
  return ((await import(path)) as { ownedTables: readonly string[] }).ownedTables;
}
