// A throwaway, fully migrated database per test file, copied from the run's template.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { roleNames, withLogin, type ServerRole } from "../connection.ts";
import { onTestServer, testDatabaseUrl } from "./server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's migrated template database (see global-setup.ts). */
    templateDatabase: string;
    testRunId: string;
  }
}

export interface TestDatabase {
  name: string;
  /** The owner's login (what migrations and the seed use). */
  ownerUrl: string;
  /** The login of one server role, subject to RLS like the servers. */
  urlFor(role: ServerRole): string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject("templateDatabase");
  const name = `ppt_test_${inject("testRunId")}_${randomBytes(4).toString("hex")}`;
  // Concurrent copies of one template can collide on its lock: retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await onTestServer(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
  const ownerUrl = testDatabaseUrl(name);
  return {
    name,
    ownerUrl,
    urlFor: (role) => withLogin(ownerUrl, roleNames[role]),
    drop: async () => {
      await onTestServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/**
 * A plain pg pool on a test database. pg-pool's `end()` resolves before its connections have
 * closed, so the `DROP ... WITH (FORCE)` that follows may terminate one (57P01): with no error
 * listener that would surface as an uncaught exception of the test file.
 */
export function testPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  pool.on("error", () => undefined);
  return pool;
}
