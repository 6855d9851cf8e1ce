// A subgraph's SDL is the concatenation of its shared base and every module's `<module>.graphql`.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, type DocumentNode } from "graphql";

export function readSubgraphSdl(srcDir: string): string {
  const parts = [readFileSync(join(srcDir, "shared", "base.graphql"), "utf8")];
  const modulesDir = join(srcDir, "modules");
  for (const module of readdirSync(modulesDir).sort()) {
    const file = join(modulesDir, module, `${module}.graphql`);
    try {
      parts.push(readFileSync(file, "utf8"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return parts.join("\n");
}

export function loadSubgraphTypeDefs(srcDir: string): DocumentNode {
  return parse(readSubgraphSdl(srcDir));
}
