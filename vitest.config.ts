import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts", "clients/**/*.test.tsx"],
    // The fault suite runs on its own (vitest.faults.config.ts, npm run test:faults).
    exclude: ["**/node_modules/**", "tests/faults/**"],
    globalSetup: ["prisma/src/testing/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two shared cores: more workers only queue on PostgreSQL and the CPU.
    maxWorkers: 2,
  },
});
