// The fault suite (`npm run test:faults`): real processes killed and restarted, servers of its
// own. Kept out of `npm test` (see README, "Fault suite"): it takes minutes, not seconds.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/faults/**/*.test.ts"],
    globalSetup: ["prisma/src/testing/global-setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 400_000,
    pool: "forks",
    // Generous: on a loaded two-core machine each process needs a minute to start under tsx.
    // One file at a time: each starts several processes of its own on two shared cores.
    maxWorkers: 1,
    fileParallelism: false,
  },
});
