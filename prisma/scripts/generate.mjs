// `prisma generate` without Prisma's native engines (they cannot be downloaded here).
// Generation never runs the schema engine, but the CLI insists on finding one: point it
// at an empty executable. See ../shared/README.md, "Prisma 7 without Prisma's native engines".
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const prismaDir = dirname(dirname(fileURLToPath(import.meta.url)));
const placeholder = join(tmpdir(), "ppt-prisma-engine-placeholder");
if (!existsSync(placeholder)) {
  mkdirSync(dirname(placeholder), { recursive: true });
  writeFileSync(placeholder, "#!/bin/sh\nexit 1\n");
}
chmodSync(placeholder, 0o755);

execFileSync("npx", ["--no-install", "prisma", "generate", "--schema", join(prismaDir, "schema.prisma")], {
  cwd: prismaDir,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
