// Reading the README as data: its ```graphql examples (each with the ```json variables block that
// follows it) and its Markdown tables, so tests can run the one and compare the other with code.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const readme = readFileSync(join(import.meta.dirname, "..", "..", "README.md"), "utf8");

export interface Example {
  /** The operation's name (`mutation Login(…)` → Login). */
  name: string;
  kind: "query" | "mutation" | "subscription";
  document: string;
  variables: Record<string, unknown>;
  /** `# Authorization: Bearer <accessToken of X>`: the example whose answer signs this one in. */
  signedInBy: string | null;
  /** `# validate only: …`: checked against the schema, not sent. */
  validateOnly: boolean;
}

/** The body of the `## heading` section (up to the next `## `). */
export function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const rest = readme.slice(start + heading.length + 5);
  const end = rest.search(/\n## /);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Every ```graphql block of the README, in order, with the ```json block right after it. */
export function examples(text = readme): Example[] {
  const blocks = [...text.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)];
  const found: Example[] = [];
  blocks.forEach((block, i) => {
    if (block[1] !== "graphql") return;
    const document = block[2]!;
    const next = blocks[i + 1];
    const between = next ? text.slice(block.index + block[0].length, next.index) : "";
    const variables = next?.[1] === "json" && between.trim() === "" ? (JSON.parse(next[2]!) as Record<string, unknown>) : {};
    const operation = /^(query|mutation|subscription)\s+(\w+)/m.exec(document);
    if (!operation) throw new Error(`README example without a named operation:\n${document}`);
    found.push({
      name: operation[2]!,
      kind: operation[1] as Example["kind"],
      document,
      variables,
      signedInBy: /^# Authorization: Bearer <accessToken of (\w+)>/m.exec(document)?.[1] ?? null,
      validateOnly: /^# validate only\b/m.test(document),
    });
  });
  return found;
}

/** The rows of the first Markdown table in `text`, as arrays of trimmed cells (header and rule left out). */
export function tableRows(text: string): string[][] {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.startsWith("|"));
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

/** `a`, `b` → ["a", "b"]; a dash → []. */
export function codeList(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}
