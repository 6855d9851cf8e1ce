// The PostgreSQL server integration tests run against: the machine's real server, never a mock.
import pg from "pg";
import { withDatabase } from "../connection.ts";

/** A superuser login on the test server's maintenance database. */
export function testServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function onTestServer(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  return onDatabase(testServerUrl(), sql, params);
}

/** One statement on one database over a short-lived connection. */
export async function onDatabase(url: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

export function testDatabaseUrl(name: string): string {
  return withDatabase(testServerUrl(), name);
}
