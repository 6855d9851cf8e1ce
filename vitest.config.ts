import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// Every test worker and every server process a test starts loads the same thousands of
// dependency modules: Node keeps their compiled code on disk and the next process reuses it
// (measured: the gateway's and subgraphs' main libraries import in ~450 instead of ~550-850 ms).
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), "ppt-node-compile-cache");

export default defineConfig({
  test: {
    include: ["**/*.test.ts", "clients/**/*.test.tsx"],
    // The fault suite runs on its own (vitest.faults.config.ts, npm run test:faults); .bench/ holds
    // other commits' code the benchmarks run (bench/gateway/run.ts), not tests of this tree.
    exclude: ["**/node_modules/**", "tests/faults/**", ".bench/**"],
    globalSetup: ["prisma/src/testing/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two shared cores: more workers only queue on PostgreSQL and the CPU.
    maxWorkers: 2,
  },
});
