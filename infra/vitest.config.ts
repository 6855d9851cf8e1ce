// The infra checks need no database: run them without the root config's PostgreSQL globalSetup.
//   npx vitest run --config infra/vitest.config.ts
import { fileURLToPath } from "node:url";

export default {
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["infra/**/*.test.ts"],
    testTimeout: 30_000,
  },
};
