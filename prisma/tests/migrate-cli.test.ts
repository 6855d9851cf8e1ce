// `npm run db:migrate` ends when its work ends: nothing (a pool, a timer) keeps the process alive.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../src/testing/databases.ts";

const prismaDir = join(import.meta.dirname, "..");
let database: TestDatabase | undefined;
afterAll(() => database?.drop());

describe("db:migrate", () => {
  it("exits as soon as it has reported, on an up-to-date database", async () => {
    database = await createTestDatabase();
    const child = spawn(process.execPath, ["--import", "tsx", join(prismaDir, "src/migrate/cli.ts"), "apply"], {
      env: { ...process.env, DATABASE_URL: database.ownerUrl },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    let reportedAt = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (!reportedAt && output.includes("\n")) reportedAt = Date.now();
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    const lingered = Date.now() - reportedAt;
    expect(output).toContain("database is up to date");
    expect(code).toBe(0);
    // pg's idle timeout is 10 s: an unclosed pool would keep it alive that long.
    expect(lingered).toBeLessThan(2_000);
  }, 60_000);
});
