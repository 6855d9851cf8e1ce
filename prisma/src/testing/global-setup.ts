// Vitest global setup: migrate ONE template database per run; each test file then copies it
// (CREATE DATABASE … TEMPLATE), which takes a fraction of a second instead of a full migration.
import { randomBytes } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../migrate/engine.ts";
import { onTestServer, testDatabaseUrl } from "./server.ts";
import "./databases.ts";

export default async function setup(project: TestProject) {
  const runId = randomBytes(4).toString("hex");
  const template = `ppt_test_${runId}_template`;
  await onTestServer(`CREATE DATABASE "${template}"`);
  await applyMigrations({ databaseUrl: testDatabaseUrl(template) });
  project.provide("templateDatabase", template);
  project.provide("testRunId", runId);

  return async () => {
    const { rows } = await onTestServer("SELECT datname FROM pg_database WHERE datname LIKE $1", [`ppt_test_${runId}_%`]);
    for (const { datname } of rows) await onTestServer(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    // The apps' production builds the browser tests shared (libs/testing's buildApp).
    for (const name of readdirSync(tmpdir())) if (name.startsWith(`ppt-build-${runId}-`)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  };
}
