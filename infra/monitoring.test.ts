// The alert rules: valid for Prometheus (promtool's own check and its unit tests, when the
// machine has promtool: Debian's `prometheus` package ships it), and in any case well formed, with
// the design's alerts present and every ppt_* metric they read actually served by our code.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const monitoring = join(dirname(fileURLToPath(import.meta.url)), "monitoring");
const repoRoot = dirname(dirname(monitoring));
const RULES = join(monitoring, "ppt-alerts.rules.yml");

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const groups = (parse(readFileSync(RULES, "utf8")) as { groups: { name: string; rules: Rule[] }[] }).groups;
const rules = groups.flatMap((group) => group.rules);

const promtool = spawnSync("promtool", ["--version"], { encoding: "utf8" }).status === 0;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name === "generated") return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
  });
}

describe("alert rules", () => {
  it("has the design's alerts: 5xx > 1 %, p99 > 2 s, database down, queue backlog > 10,000, disk > 80 %, certificate < 7 days", () => {
    const names = rules.map((rule) => rule.alert);
    for (const name of [
      "PptHighErrorRate",
      "PptHighLatencyP99",
      "PptDatabaseDown",
      "PptOutboxBacklog",
      "PptBrokerQueueBacklog",
      "PptDiskAlmostFull",
      "PptCertificateExpiresSoon",
    ])
      expect(names).toContain(name);
    const byName = new Map(rules.map((rule) => [rule.alert, rule]));
    expect(byName.get("PptHighErrorRate")!.expr).toMatch(/> 0\.01/);
    expect(byName.get("PptHighErrorRate")!.for).toBe("5m");
    expect(byName.get("PptHighLatencyP99")!.expr).toMatch(/histogram_quantile\(0\.99,[\s\S]*> 2\s*$/);
    expect(byName.get("PptOutboxBacklog")!.expr).toMatch(/> 10000/);
    expect(byName.get("PptDiskAlmostFull")!.expr).toMatch(/> 0\.8/);
    expect(byName.get("PptCertificateExpiresSoon")!.expr).toMatch(/< 7 \* 86400/);
  });

  it("gives every alert a duration, a severity and a summary", () => {
    for (const rule of rules) {
      expect(rule.alert, rule.expr).toMatch(/^Ppt[A-Za-z0-9]+$/);
      expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
      expect(["page", "ticket"]).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
    }
  });

  it("reads only ppt_* metrics that the code serves", () => {
    const code = ["libs/server-kit/src", "gateway/src", "subgraphs"]
      .flatMap((dir) => sourceFiles(join(repoRoot, dir)))
      .map((file) => readFileSync(file, "utf8"));
    const served = new Set(code.flatMap((text) => [...text.matchAll(/"(ppt_[a-z_]+)"/g)].map((match) => match[1]!)));
    const read = new Set(
      rules.flatMap((rule) => [...rule.expr.matchAll(/\b(ppt_[a-z_]+?)(?:_bucket|_count|_sum)?\b(?=\{|\s|\)|$)/g)].map((match) => match[1]!)),
    );
    expect(read.size).toBeGreaterThan(3);
    for (const metric of read) expect(served, metric).toContain(metric);
  });

  it.skipIf(!promtool)("passes promtool's check and its unit tests", () => {
    const check = spawnSync("promtool", ["check", "rules", RULES], { encoding: "utf8" });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const test = spawnSync("promtool", ["test", "rules", "ppt-alerts.test.yml"], { cwd: monitoring, encoding: "utf8" });
    expect(test.status, test.stdout + test.stderr).toBe(0);
  });
});
