// Checks infra/: the Kubernetes manifests (as files and, with kubectl, as rendered overlays)
// and the Dockerfile. Each assertion is something that breaks a deployment or its security.
//   npx vitest run --config infra/vitest.config.ts
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

type K8s = any;

const infraDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = dirname(infraDir);
const k8sDir = join(infraDir, "k8s");
const baseDir = join(k8sDir, "base");
const secretTemplateFile = join(baseDir, "secret.template.yaml");

// ---------------------------------------------------------------------------------------------
// The process contract (DESIGN.md): what each Deployment runs and serves.
const SERVERS: Record<string, { entry: string; port: number }> = {
  gateway: { entry: "gateway/src/main.ts", port: 4000 },
  property: { entry: "subgraphs/property/src/main.ts", port: 4001 },
  reality: { entry: "subgraphs/reality/src/main.ts", port: 4002 },
};
const WORKERS: Record<string, { entry: string; port: number }> = {
  "property-worker": { entry: "subgraphs/property/src/worker.ts", port: 9464 },
  "reality-worker": { entry: "subgraphs/reality/src/worker.ts", port: 9464 },
};
const SUBGRAPHS = ["property", "reality"];

/** Variable names that carry credentials; they must come from a Secret. */
const SENSITIVE = /(_URL$|KEY|SECRET|PASSWORD|TOKEN|JWKS|PRIVATE|CREDENTIAL)/i;
/** Names that match SENSITIVE but are not secret (internal addresses, a key prefix). */
const NOT_SECRET = new Set(["PROPERTY_SUBGRAPH_URL", "REALITY_SUBGRAPH_URL", "REDIS_KEY_PREFIX"]);
const sensitive = (name: string) => SENSITIVE.test(name) && !NOT_SECRET.has(name);

// ---------------------------------------------------------------------------------------------
// Loading

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const yamlFiles = walk(k8sDir).filter((f) => /\.ya?ml$/.test(f));

function parseYaml(text: string, file: string): K8s[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length) throw new Error(`${relative(repoRoot, file)}: ${doc.errors.map((e) => e.message).join("; ")}`);
    const value = doc.toJS();
    return value == null ? [] : [value];
  });
}

const docsByFile = new Map(yamlFiles.map((f) => [f, parseYaml(readFileSync(f, "utf8"), f)]));
const kustomizationFiles = yamlFiles.filter((f) => /(^|\/)kustomization\.ya?ml$/.test(f));

function kustomization(dir: string): K8s {
  return docsByFile.get(join(dir, "kustomization.yaml"))![0];
}

/** The objects the base kustomization lists (what every overlay starts from). */
const baseObjects: K8s[] = (kustomization(baseDir).resources as string[]).flatMap((r) => docsByFile.get(join(baseDir, r)) ?? []);
const ofKind = (objs: K8s[], kind: string) => objs.filter((o) => o.kind === kind);
const deployments = ofKind(baseObjects, "Deployment");
const deployment = (name: string) => deployments.find((d) => d.metadata.name === name);
/** The in-cluster Services (ExternalName ones only name a host outside the cluster). */
const services = ofKind(baseObjects, "Service").filter((s) => s.spec.type !== "ExternalName");
const externalServices = ofKind(baseObjects, "Service").filter((s) => s.spec.type === "ExternalName");
const hpas = ofKind(baseObjects, "HorizontalPodAutoscaler");
const pdbs = ofKind(baseObjects, "PodDisruptionBudget");
const policies = ofKind(baseObjects, "NetworkPolicy");
/** The gateway's Ingress(es); the files host's is checked on its own. */
const ingresses = ofKind(baseObjects, "Ingress").filter((i) => i.metadata.name !== "files");
const filesIngress = ofKind(baseObjects, "Ingress").find((i) => i.metadata.name === "files");
const jobs = ofKind(baseObjects, "Job");
const configMap = ofKind(baseObjects, "ConfigMap").find((c) => c.metadata.name === "ppt-config");
const secretTemplates = ofKind(docsByFile.get(secretTemplateFile) ?? [], "Secret");

const podSpec = (workload: K8s) => workload.spec.template.spec;
const podLabels = (workload: K8s): Record<string, string> => workload.spec.template.metadata.labels ?? {};
const containersOf = (workload: K8s): K8s[] => [...(podSpec(workload).initContainers ?? []), ...podSpec(workload).containers];
const envOf = (container: K8s, name: string) => (container.env ?? []).find((e: K8s) => e.name === name);
/** Every object in any YAML file under infra/k8s that carries a pod template (base and patches). */
const workloadsEverywhere = [...docsByFile.entries()].flatMap(([file, docs]) =>
  docs.filter((d) => d?.spec?.template?.spec?.containers).map((d) => ({ file: relative(k8sDir, file), workload: d })),
);

// ---------------------------------------------------------------------------------------------
// Helpers

function matchesSelector(selector: K8s, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const { matchLabels = {}, matchExpressions = [] } = selector;
  const labelsOk = Object.entries(matchLabels).every(([k, v]) => labels[k] === v);
  const exprOk = (matchExpressions as K8s[]).every((e) => {
    switch (e.operator) {
      case "In":
        return e.values.includes(labels[e.key]);
      case "NotIn":
        return !e.values.includes(labels[e.key]);
      case "Exists":
        return e.key in labels;
      case "DoesNotExist":
        return !(e.key in labels);
      default:
        throw new Error(`unknown operator ${e.operator}`);
    }
  });
  return labelsOk && exprOk;
}

function bytes(quantity: string | number): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(quantity));
  if (!m) throw new Error(`not a memory quantity: ${quantity}`);
  const unit = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2] ?? ""] ?? 1;
  return Number(m[1]) * unit;
}

function millicores(quantity: string | number): number {
  const s = String(quantity);
  return s.endsWith("m") ? Number(s.slice(0, -1)) : Number(s) * 1000;
}

/** nginx size ("10m", "512k", "1g", bytes) → bytes. */
function nginxSize(size: string): number {
  const m = /^(\d+)([kKmMgG]?)$/.exec(size);
  if (!m) throw new Error(`not an nginx size: ${size}`);
  return Number(m[1]) * ({ "": 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 }[(m[2] ?? "").toLowerCase()] as number);
}

function heapMiB(container: K8s): number | null {
  const value: string | undefined = envOf(container, "NODE_OPTIONS")?.value;
  const m = value && /--max-old-space-size=(\d+)/.exec(value);
  return m ? Number(m[1]) : null;
}

/** Checks every container of a rendered or base workload for sizes that make Node crash or get OOM-killed. */
function expectSaneResources(workload: K8s) {
  for (const c of containersOf(workload)) {
    const where = `${workload.metadata.name}/${c.name}`;
    const { requests, limits } = c.resources ?? {};
    expect(requests?.cpu, `${where} cpu request`).toBeDefined();
    expect(requests?.memory, `${where} memory request`).toBeDefined();
    expect(limits?.cpu, `${where} cpu limit`).toBeDefined();
    expect(limits?.memory, `${where} memory limit`).toBeDefined();
    expect(millicores(limits.cpu), `${where} cpu limit >= request`).toBeGreaterThanOrEqual(millicores(requests.cpu));
    expect(bytes(limits.memory), `${where} memory limit >= request`).toBeGreaterThanOrEqual(bytes(requests.memory));
    // V8's heap must stay well under the container limit (stacks, buffers, code live outside it).
    const heap = heapMiB(c);
    expect(heap, `${where} sets --max-old-space-size`).not.toBeNull();
    expect(heap! * 2 ** 20, `${where} heap vs memory limit`).toBeLessThanOrEqual(bytes(limits.memory) * 0.8);
  }
}

/** Who may open connections to pods with these labels, according to the NetworkPolicies. */
function allowedSources(labels: Record<string, string>, allPolicies: K8s[]): { peers: Set<string>; ports: Map<string, Set<number>> } {
  const peers = new Set<string>();
  const ports = new Map<string, Set<number>>();
  for (const policy of allPolicies) {
    const selector = policy.spec.podSelector ?? {};
    const selectsAll = Object.keys(selector).length === 0 || (!selector.matchLabels && !selector.matchExpressions);
    if (!selectsAll && !matchesSelector(selector, labels)) continue;
    if (!(policy.spec.policyTypes ?? ["Ingress"]).includes("Ingress")) continue;
    for (const rule of policy.spec.ingress ?? []) {
      const from: K8s[] = rule.from ?? [];
      const ruleSources =
        from.length === 0
          ? ["ANY SOURCE"]
          : from.map((peer) => {
              if (peer.ipBlock) return `ipBlock ${peer.ipBlock.cidr}`;
              if (peer.namespaceSelector) {
                const ns = peer.namespaceSelector.matchLabels?.["kubernetes.io/metadata.name"] ?? "ANY NAMESPACE";
                const pod = peer.podSelector?.matchLabels?.["app.kubernetes.io/name"] ?? "ANY POD";
                return `${ns}/${pod}`;
              }
              // podSelector alone: pods of this namespace; name them by the Deployments they select.
              const names = [...deployments, ...jobs]
                .filter((w) => matchesSelector(peer.podSelector, podLabels(w)) || Object.keys(peer.podSelector ?? {}).length === 0)
                .map((w) => w.metadata.name);
              return names.length ? names.map((n) => `pod:${n}`).join(",") : "pod:<none>";
            });
      for (const source of ruleSources.flatMap((s) => s.split(","))) {
        peers.add(source);
        const set = ports.get(source) ?? new Set<number>();
        for (const p of rule.ports ?? [{ port: "ALL" }]) set.add(p.port === "ALL" ? -1 : Number(p.port));
        ports.set(source, set);
      }
    }
  }
  return { peers, ports };
}

function kubectlAvailable(): boolean {
  return spawnSync("kubectl", ["version", "--client"], { encoding: "utf8", timeout: 20_000 }).status === 0;
}

// ---------------------------------------------------------------------------------------------

describe("YAML under infra/k8s", () => {
  it("finds the manifests and parses every document", () => {
    expect(yamlFiles.length).toBeGreaterThan(10);
    for (const [file, docs] of docsByFile) {
      expect(docs.length, `${relative(k8sDir, file)} is empty`).toBeGreaterThan(0);
    }
  });

  it("gives every object a kind, an apiVersion and a name (JSON 6902 patches excepted)", () => {
    for (const [file, docs] of docsByFile) {
      for (const doc of docs) {
        if (Array.isArray(doc)) {
          for (const op of doc) expect(op, `${relative(k8sDir, file)} JSON patch op`).toMatchObject({ op: expect.any(String), path: expect.any(String) });
          continue;
        }
        expect(doc.apiVersion, relative(k8sDir, file)).toBeTruthy();
        expect(doc.kind, relative(k8sDir, file)).toBeTruthy();
        if (doc.kind !== "Kustomization") expect(doc.metadata?.name, `${relative(k8sDir, file)} ${doc.kind}`).toBeTruthy();
      }
    }
  });
});

describe("kustomizations", () => {
  it("has a base and the production and staging overlays", () => {
    for (const dir of ["base", "overlays/production", "overlays/staging"]) {
      expect(existsSync(join(k8sDir, dir, "kustomization.yaml")), dir).toBe(true);
    }
  });

  it("references only resources and patches that exist on disk", () => {
    for (const file of kustomizationFiles) {
      const dir = dirname(file);
      const k = docsByFile.get(file)![0];
      for (const r of (k.resources ?? []) as string[]) {
        const path = resolve(dir, r);
        expect(existsSync(path), `${relative(k8sDir, file)}: resource ${r}`).toBe(true);
        if (statSync(path).isDirectory()) expect(existsSync(join(path, "kustomization.yaml")), `${r} is a kustomization`).toBe(true);
      }
      for (const p of (k.patches ?? []) as K8s[]) {
        if (p.path) expect(existsSync(resolve(dir, p.path)), `${relative(k8sDir, file)}: patch ${p.path}`).toBe(true);
      }
      for (const g of [...(k.configMapGenerator ?? []), ...(k.secretGenerator ?? [])] as K8s[]) {
        for (const f of [...(g.files ?? []), ...(g.envs ?? [])] as string[]) {
          expect(existsSync(resolve(dir, f.split("=").pop()!)), `${relative(k8sDir, file)}: generator file ${f}`).toBe(true);
        }
      }
    }
  });

  it("uses every YAML file (no orphaned or misspelled manifest) except the Secret template", () => {
    const referenced = new Set<string>(kustomizationFiles);
    for (const file of kustomizationFiles) {
      const k = docsByFile.get(file)![0];
      for (const r of (k.resources ?? []) as string[]) referenced.add(resolve(dirname(file), r));
      for (const p of (k.patches ?? []) as K8s[]) if (p.path) referenced.add(resolve(dirname(file), p.path));
    }
    const orphans = yamlFiles.filter((f) => !referenced.has(f) && f !== secretTemplateFile).map((f) => relative(k8sDir, f));
    expect(orphans).toEqual([]);
  });

  it("patches only objects the base defines", () => {
    const known = new Set(baseObjects.map((o) => `${o.kind}/${o.metadata.name}`));
    for (const file of kustomizationFiles.filter((f) => f.includes("/overlays/"))) {
      const k = docsByFile.get(file)![0];
      for (const p of (k.patches ?? []) as K8s[]) {
        if (p.target) {
          expect(known.has(`${p.target.kind}/${p.target.name}`), `${relative(k8sDir, file)} target ${p.target.kind}/${p.target.name}`).toBe(true);
          continue;
        }
        for (const doc of docsByFile.get(resolve(dirname(file), p.path))!) {
          expect(known.has(`${doc.kind}/${doc.metadata.name}`), `${p.path}: ${doc.kind}/${doc.metadata.name}`).toBe(true);
        }
      }
    }
  });
});

describe("Deployments", () => {
  it("are exactly the five processes of the contract", () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...Object.keys(SERVERS), ...Object.keys(WORKERS)].sort());
  });

  const all = { ...SERVERS, ...WORKERS };
  describe.each(Object.keys(all))("%s", (name) => {
    const d = () => deployment(name);
    const container = () => podSpec(d()).containers[0];
    const isServer = name in SERVERS;
    const contract = all[name]!;

    it("selects its own pods", () => {
      expect(matchesSelector(d().spec.selector, podLabels(d()))).toBe(true);
      for (const other of deployments.filter((o) => o !== d())) {
        expect(matchesSelector(d().spec.selector, podLabels(other)), `${name}'s selector also matches ${other.metadata.name}`).toBe(false);
      }
    });

    it("runs its contract entry with node --import tsx, and the port it is given", () => {
      const args: string[] = [...(container().command ?? []), ...(container().args ?? [])];
      expect(args.slice(0, 3)).toEqual(["node", "--import", "tsx"]);
      const entry = args[3] ?? "";
      expect(entry).toBe(contract.entry);
      expect(existsSync(join(repoRoot, entry)), `${entry} exists`).toBe(true);
      expect(container().ports.map((p: K8s) => p.containerPort)).toEqual([contract.port]);
      expect(envOf(container(), "PORT")?.value).toBe(String(contract.port));
    });

    it("probes readiness and liveness on the right paths and a declared port", () => {
      const c = container();
      const declared = new Set<string | number>(c.ports.flatMap((p: K8s) => [p.name, p.containerPort]));
      expect(c.readinessProbe?.httpGet?.path).toBe(isServer ? "/health/ready" : "/health");
      expect(c.livenessProbe?.httpGet?.path).toBe("/health");
      for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe].filter(Boolean)) {
        expect(declared.has(probe.httpGet.port), `probe port ${probe.httpGet.port}`).toBe(true);
      }
      // A gateway readiness check asks every subgraph with a 1 s timeout: give it more than that.
      expect(c.readinessProbe.timeoutSeconds ?? 1).toBeGreaterThanOrEqual(2);
    });

    it("runs as non-root with a read-only root filesystem, no capabilities and seccomp", () => {
      const pod = podSpec(d());
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(pod.securityContext.seccompProfile?.type).toBe("RuntimeDefault");
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const c of containersOf(d())) {
        expect(c.securityContext.runAsNonRoot).toBe(true);
        expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
        expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
        expect(c.securityContext.capabilities.drop).toContain("ALL");
        expect(c.securityContext.capabilities.add ?? []).toEqual([]);
        // tsx writes its cache to /tmp: it must be a writable emptyDir.
        const tmp = (c.volumeMounts ?? []).find((m: K8s) => m.mountPath === "/tmp");
        expect(tmp, "/tmp mount").toBeDefined();
        expect(pod.volumes.find((v: K8s) => v.name === tmp.name)?.emptyDir).toBeDefined();
      }
    });

    it("has requests and limits, and a V8 heap that fits the memory limit", () => {
      expectSaneResources(d());
    });

    it("spreads its replicas over zones and nodes", () => {
      const spread: K8s[] = podSpec(d()).topologySpreadConstraints ?? [];
      expect(spread.map((t) => t.topologyKey).sort()).toEqual(["kubernetes.io/hostname", "topology.kubernetes.io/zone"]);
      for (const t of spread) expect(matchesSelector(t.labelSelector, podLabels(d()))).toBe(true);
    });

    it.runIf(isServer)("drains: preStop sleep shorter than the termination grace period", () => {
      const preStop: string[] = container().lifecycle?.preStop?.exec?.command ?? [];
      expect(preStop[0]).toBe("sleep");
      const sleep = Number(preStop[1]);
      expect(sleep).toBeGreaterThanOrEqual(5);
      expect(podSpec(d()).terminationGracePeriodSeconds).toBeGreaterThanOrEqual(sleep + 30);
    });

    it("leaves the replica count to the HPA when one targets it", () => {
      const hpa = hpas.find((h) => h.spec.scaleTargetRef.name === name);
      // kubectl apply would reset an autoscaled Deployment to spec.replicas on every deploy.
      if (hpa) expect(d().spec.replicas).toBeUndefined();
      else expect(d().spec.replicas).toBeGreaterThanOrEqual(2);
    });

    it("rolls out without losing capacity", () => {
      expect(d().spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    });
  });
});

describe("configuration and secrets", () => {
  it("never inlines a secret value in env (any workload, base or patch)", () => {
    for (const { file, workload } of workloadsEverywhere) {
      for (const c of containersOf(workload)) {
        for (const e of c.env ?? []) {
          if (!sensitive(e.name)) continue;
          const where = `${file} ${workload.metadata.name}/${c.name} ${e.name}`;
          expect(e.value, `${where} has a literal value`).toBeUndefined();
          expect(e.valueFrom?.secretKeyRef, `${where} must come from a Secret`).toBeDefined();
        }
      }
    }
  });

  it("keeps credentials out of the ConfigMaps (base and overlays)", () => {
    const maps = [...docsByFile.values()].flat().filter((d) => d?.kind === "ConfigMap");
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) {
      for (const key of Object.keys(map.data ?? {})) expect(sensitive(key), `ConfigMap key ${key}`).toBe(false);
    }
    expect(configMap.data.NODE_ENV).toBe("production");
    expect(configMap.data.ENABLE_INTROSPECTION).toBe("false");
  });

  it("ships no Secret objects: only an unreferenced template with empty values", () => {
    for (const o of [...docsByFile.entries()].filter(([f]) => f !== secretTemplateFile).flatMap(([, docs]) => docs)) {
      expect(o?.kind, "a Secret in a kustomization-managed file").not.toBe("Secret");
    }
    expect(secretTemplates.length).toBeGreaterThan(0);
    for (const s of secretTemplates) {
      expect(s.data, `${s.metadata.name} uses data`).toBeUndefined();
      for (const [key, value] of Object.entries(s.stringData ?? {})) expect(value, `${s.metadata.name}.${key}`).toBe("");
    }
    expect(readFileSync(secretTemplateFile, "utf8")).toMatch(/external secret manager/i);
  });

  it("references only Secrets, keys and ConfigMaps that are defined", () => {
    const secretKeys = new Map(secretTemplates.map((s) => [s.metadata.name, new Set(Object.keys(s.stringData ?? {}))]));
    for (const w of [...deployments, ...jobs]) {
      for (const c of containersOf(w)) {
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (ref) expect(secretKeys.get(ref.name)?.has(ref.key), `${w.metadata.name}: ${ref.name}/${ref.key}`).toBe(true);
          const cm = e.valueFrom?.configMapKeyRef;
          if (cm) expect(cm.name).toBe("ppt-config");
        }
        for (const from of c.envFrom ?? []) {
          if (from.secretRef) expect(secretKeys.has(from.secretRef.name), `${w.metadata.name}: envFrom ${from.secretRef.name}`).toBe(true);
          if (from.configMapRef) expect(from.configMapRef.name).toBe("ppt-config");
        }
      }
    }
  });

  it("gives each credential only to the processes that need it", () => {
    const holders = (name: string) =>
      [...deployments, ...jobs]
        .filter((w) => containersOf(w).some((c) => envOf(c, name) || (c.envFrom ?? []).some((f: K8s) => f.secretRef?.name === name)))
        .map((w) => w.metadata.name)
        .sort();
    expect(holders("DATABASE_URL")).toEqual(["ppt-migrate"]);
    expect(holders("JWT_PRIVATE_KEY")).toEqual(["property", "reality"]);
    expect(holders("ADMIN_DATABASE_URL")).toEqual(["property"]);
    expect(holders("AMQP_URL")).toEqual(["property", "property-worker", "reality", "reality-worker"]);
    expect(holders("ppt-oidc")).toEqual(["reality"]);
    expect(holders("ppt-notifications")).toEqual(["property", "property-worker"]);
    expect(holders("JWT_JWKS")).toEqual(Object.keys({ ...SERVERS, ...WORKERS }).sort());
    const gateway = containersOf(deployment("gateway"))[0];
    expect((gateway.env as K8s[]).filter((e) => /DATABASE_URL$/.test(e.name))).toEqual([]);
  });
});

describe("past one machine", () => {
  it("gives each subgraph its optional read replica, under its own role's key", () => {
    for (const [name, key] of [
      ["property", "PROPERTY_READ_DATABASE_URL"],
      ["reality", "REALITY_READ_DATABASE_URL"],
    ] as const) {
      const env = envOf(containersOf(deployment(name))[0], key);
      expect(env?.valueFrom?.secretKeyRef, `${name} ${key}`).toEqual({ name: "ppt-app", key, optional: true });
    }
    const readers = [...deployments, ...jobs].filter((w) => containersOf(w).some((c) => (c.env ?? []).some((e: K8s) => /_READ_DATABASE_URL$/.test(e.name))));
    expect(readers.map((w) => w.metadata.name).sort()).toEqual(["property", "reality"]);
  });

  it("declares quorum queues for the RabbitMQ cluster", () => {
    expect(configMap.data.AMQP_QUEUE_TYPE).toBe("quorum");
  });

  it("documents the clustered engines and the capacity scaled from the benchmarks", () => {
    const readme = readFileSync(join(import.meta.dirname, "README.md"), "utf8");
    for (const topic of ["READ_DATABASE_URL", "READ_YOUR_WRITES_MS", "Citus", "organization_id", "Redis Cluster", "quorum", "S3", "Capacity"]) {
      expect(readme, topic).toContain(topic);
    }
  });
});

describe("the files host", () => {
  // S3 cannot send X-Content-Type-Options: nosniff; the host every download URL is addressed to must.
  it("serves every presigned download, from the bucket, with nosniff on every answer", () => {
    const origin = new URL(configMap.data.S3_DOWNLOAD_ORIGIN);
    expect(origin.protocol).toBe("https:");
    expect(filesIngress, "an Ingress named files").toBeDefined();
    expect(filesIngress.spec.ingressClassName).toBe("nginx");
    expect(filesIngress.spec.rules.map((r: K8s) => r.host)).toEqual([origin.host]);
    expect(filesIngress.spec.tls.flatMap((t: K8s) => t.hosts)).toEqual([origin.host]);
    const paths: K8s[] = filesIngress.spec.rules[0].http.paths;
    expect(paths.map((p) => [p.path, p.pathType])).toEqual([["/", "Prefix"]]);

    // Forwarded to the bucket with the bucket's Host, so the presigned signature still holds.
    const bucketHost = `${configMap.data.S3_BUCKET}.s3.${configMap.data.S3_REGION}.amazonaws.com`;
    const backend = externalServices.find((s) => s.metadata.name === paths[0]!.backend.service.name);
    expect(backend?.spec.externalName).toBe(bucketHost);
    const a = filesIngress.metadata.annotations;
    expect(a["nginx.ingress.kubernetes.io/backend-protocol"]).toBe("HTTPS");
    expect(a["nginx.ingress.kubernetes.io/upstream-vhost"]).toBe(bucketHost);
    expect(a["nginx.ingress.kubernetes.io/proxy-ssl-name"]).toBe(bucketHost);

    const [namespace, name] = String(a["nginx.ingress.kubernetes.io/custom-headers"]).split("/");
    expect(namespace).toBe(kustomization(baseDir).namespace);
    const headers = ofKind(baseObjects, "ConfigMap").find((c) => c.metadata.name === name);
    expect(headers?.data).toEqual({ "X-Content-Type-Options": "nosniff" });
  });
});

describe("Services and Ingress", () => {
  it("exposes the gateway and the subgraphs as ClusterIP Services on their named ports", () => {
    expect(services.map((s) => s.metadata.name).sort()).toEqual(Object.keys(SERVERS).sort());
    for (const s of services) {
      expect(s.spec.type ?? "ClusterIP", s.metadata.name).toBe("ClusterIP");
      const selected = deployments.filter((d) => matchesSelector({ matchLabels: s.spec.selector }, podLabels(d)));
      expect(
        selected.map((d) => d.metadata.name),
        `Service ${s.metadata.name} selects`,
      ).toEqual([s.metadata.name]);
      const containerPorts: K8s[] = podSpec(selected[0]).containers[0].ports;
      for (const p of s.spec.ports) {
        expect(p.port).toBe(SERVERS[s.metadata.name]?.port);
        expect(
          containerPorts.some((cp) => cp.name === p.targetPort || cp.containerPort === p.targetPort),
          `targetPort ${p.targetPort}`,
        ).toBe(true);
      }
    }
  });

  it("points the gateway at the subgraph Services", () => {
    for (const name of SUBGRAPHS) {
      const url = new URL(configMap.data[`${name.toUpperCase()}_SUBGRAPH_URL`]);
      const service = services.find((s) => s.metadata.name === url.hostname);
      expect(service, `${url.hostname} is a Service`).toBeDefined();
      expect(Number(url.port)).toBe(service.spec.ports[0].port);
      expect(url.pathname).toBe("/graphql");
    }
  });

  function expectIngressSafe(ingress: K8s, allowedPaths: string[]) {
    expect(ingress.spec.ingressClassName).toBe("nginx");
    const paths: K8s[] = ingress.spec.rules.flatMap((r: K8s) => r.http.paths);
    expect(paths.length).toBeGreaterThan(0);
    expect(ingress.spec.defaultBackend).toBeUndefined();
    for (const p of paths) {
      // Never a subgraph, and never a prefix that would publish /metrics or /health.
      expect(p.backend.service.name, `${p.path} backend`).toBe("gateway");
      expect(SUBGRAPHS).not.toContain(p.backend.service.name);
      expect(p.pathType, p.path).toBe("Exact");
      expect(allowedPaths, p.path).toContain(p.path);
    }
  }

  it("routes only /graphql, only to the gateway, never to a subgraph", () => {
    expect(ingresses).toHaveLength(1);
    expectIngressSafe(ingresses[0], ["/graphql"]);
  });

  it("keeps WebSockets open and accepts a 10,000-listing bulk mutation, consistently with the gateway", () => {
    const a = ingresses[0].metadata.annotations;
    expect(Number(a["nginx.ingress.kubernetes.io/proxy-read-timeout"])).toBeGreaterThanOrEqual(3600);
    expect(Number(a["nginx.ingress.kubernetes.io/proxy-send-timeout"])).toBeGreaterThanOrEqual(3600);
    const body = nginxSize(a["nginx.ingress.kubernetes.io/proxy-body-size"]);
    expect(body).toBeGreaterThanOrEqual(8 * 1000 * 1000);
    expect(body).toBe(Number(configMap.data.GATEWAY_BODY_LIMIT_BYTES));
    // No session affinity: subscriptions fan out through Redis.
    expect(Object.keys(a).filter((k) => /affinity|upstream-hash-by/.test(k))).toEqual([]);
  });
});

describe("NetworkPolicies", () => {
  it("deny all ingress in the namespace by default", () => {
    const deny = policies.filter((p) => Object.keys(p.spec.podSelector ?? {}).length === 0);
    expect(deny).toHaveLength(1);
    expect(deny[0].spec.policyTypes).toEqual(["Ingress"]);
    expect(deny[0].spec.ingress ?? []).toEqual([]);
  });

  const prometheus = "monitoring/prometheus";
  it("let only the ingress controller (and Prometheus) reach the gateway", () => {
    const { peers, ports } = allowedSources(podLabels(deployment("gateway")), policies);
    expect([...peers].sort()).toEqual(["ingress-nginx/ingress-nginx", prometheus]);
    expect([...ports.get("ingress-nginx/ingress-nginx")!]).toEqual([4000]);
  });

  it.each(SUBGRAPHS)("let only the gateway (and Prometheus) reach the %s subgraph", (name) => {
    const { peers, ports } = allowedSources(podLabels(deployment(name)), policies);
    expect([...peers].sort()).toEqual([prometheus, "pod:gateway"].sort());
    expect([...ports.get("pod:gateway")!]).toEqual([SERVERS[name]?.port]);
  });

  it.each(Object.keys(WORKERS))("let nothing but metrics scraping reach %s", (name) => {
    const { peers, ports } = allowedSources(podLabels(deployment(name)), policies);
    expect([...peers]).toEqual([prometheus]);
    expect(ports.get(prometheus)).toContain(9464);
  });

  it("let nothing reach the migration Job", () => {
    expect([...allowedSources(podLabels(jobs[0]), policies).peers]).toEqual([]);
  });
});

describe("autoscaling and disruption budgets", () => {
  it("autoscale the gateway (min 3) and the subgraphs (min 2) on CPU", () => {
    expect(hpas.map((h) => h.spec.scaleTargetRef.name).sort()).toEqual(Object.keys(SERVERS).sort());
    for (const h of hpas) {
      const target = h.spec.scaleTargetRef;
      expect(deployments.some((d) => d.kind === target.kind && d.metadata.name === target.name)).toBe(true);
      expect(h.spec.minReplicas).toBeGreaterThanOrEqual(target.name === "gateway" ? 3 : 2);
      expect(h.spec.maxReplicas).toBeGreaterThan(h.spec.minReplicas);
      expect(h.spec.metrics.some((m: K8s) => m.type === "Resource" && m.resource.name === "cpu")).toBe(true);
    }
  });

  it("protect every Deployment with a PDB that selects it and still allows node drains", () => {
    for (const d of deployments) {
      const matching = pdbs.filter((p) => matchesSelector(p.spec.selector, podLabels(d)));
      expect(
        matching.map((p) => p.metadata.name),
        d.metadata.name,
      ).toEqual([d.metadata.name]);
      expect(matching[0].spec.maxUnavailable ?? 0).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("migration Job", () => {
  it("applies migrations once per deploy as the owner role", () => {
    expect(jobs).toHaveLength(1);
    const job = jobs[0];
    expect(job.spec.backoffLimit).toBe(1);
    expect(job.spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
    expect(podSpec(job).restartPolicy).toBe("Never");
    const c = podSpec(job).containers[0];
    expect([...(c.command ?? []), ...(c.args ?? [])]).toEqual(["node", "--import", "tsx", "prisma/src/migrate/cli.ts", "apply"]);
    expect(existsSync(join(repoRoot, "prisma/src/migrate/cli.ts"))).toBe(true);
    expect(envOf(c, "DATABASE_URL").valueFrom.secretKeyRef).toEqual({ name: "ppt-db-owner", key: "DATABASE_URL" });
    expect(podSpec(job).securityContext.runAsNonRoot).toBe(true);
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    expectSaneResources(job);
  });
});

describe("Dockerfile", () => {
  const dockerfile = readFileSync(join(infraDir, "docker/Dockerfile"), "utf8");
  // Instructions, with line continuations joined and comments dropped.
  const instructions = dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const stages: string[][] = [];
  for (const l of instructions) {
    if (/^FROM\s/i.test(l)) stages.push([l]);
    else stages.at(-1)?.push(l);
  }
  const finalStage = stages.at(-1)!;

  it("builds on node:24-bookworm-slim (the version .node-version pins)", () => {
    const arg = /ARG NODE_IMAGE=(\S+)/.exec(dockerfile)?.[1];
    for (const stage of stages) {
      const image = (stage[0] ?? "").split(/\s+/)[1]?.replace("${NODE_IMAGE}", arg ?? "");
      expect(image).toMatch(
        new RegExp(`^node:${readFileSync(join(repoRoot, ".node-version"), "utf8").trim().split(".")[0]}[\\w.-]*-bookworm-slim(@sha256:[0-9a-f]+)?$`),
      );
    }
  });

  it("runs the final stage as a numeric non-root user matching the pods' runAsUser", () => {
    const users = finalStage.filter((l) => /^USER\s/i.test(l));
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!.split(/\s+/)[1]?.split(":")[0] ?? "";
    expect(user).toMatch(/^\d+$/); // runAsNonRoot can only verify a numeric user
    expect(Number(user)).toBeGreaterThan(0);
    for (const w of [...deployments, ...jobs]) expect(podSpec(w).securityContext.runAsUser, w.metadata.name).toBe(Number(user));
    // Nothing after USER switches back to root.
    const lastUser = finalStage.lastIndexOf(users.at(-1)!);
    expect(finalStage.slice(lastUser + 1).some((l) => /^USER\s+(root|0)\b/i.test(l))).toBe(false);
  });

  it("installs with npm ci from the lockfile, never npm install", () => {
    const runs = instructions.filter((l) => /^RUN\s/i.test(l));
    expect(runs.some((l) => /\bnpm ci\b/.test(l))).toBe(true);
    expect(runs.some((l) => /\bnpm (install|i)\b/.test(l))).toBe(false);
    expect(instructions.some((l) => /^COPY\s.*package-lock\.json/.test(l))).toBe(true);
    // With NODE_ENV=production set before `npm ci`, npm would drop tsx (a devDependency).
    const build = stages.find((s) => s.some((l) => /\bnpm ci\b/.test(l)))!;
    const ci = build.findIndex((l) => /\bnpm ci\b/.test(l));
    if (build.slice(0, ci).some((l) => /^(ENV|ARG)\s.*NODE_ENV=production/i.test(l))) expect(build[ci]).toMatch(/--include=dev/);
    expect(build[ci]).not.toMatch(/--omit[= ]dev|--production/);
  });

  it("copies every workspace's package.json before npm ci (or the lockfile does not match)", () => {
    const workspaces: string[] = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).workspaces;
    const ciIndex = instructions.findIndex((l) => /\bnpm ci\b/.test(l));
    const copies = instructions.slice(0, ciIndex).filter((l) => /^COPY\s/i.test(l));
    for (const ws of workspaces) {
      expect(
        copies.some((l) => l.includes(`${ws}/package.json`)),
        ws,
      ).toBe(true);
    }
  });

  it("starts a process that exists by default, under tini", () => {
    const cmd = finalStage.filter((l) => /^CMD\s/i.test(l)).at(-1)!;
    const argv: string[] = JSON.parse(cmd.replace(/^CMD\s+/i, ""));
    expect(argv.slice(0, 3)).toEqual(["node", "--import", "tsx"]);
    expect(existsSync(join(repoRoot, argv[3] ?? ""))).toBe(true);
    expect(finalStage.some((l) => /^ENTRYPOINT\s+\[".*tini"/.test(l))).toBe(true);
  });

  it("has a per-Dockerfile ignore file that keeps what the build needs", () => {
    const ignore = readFileSync(join(infraDir, "docker/Dockerfile.dockerignore"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#") && !l.startsWith("!"));
    expect(ignore).toContain("**/node_modules");
    expect(ignore).toContain(".git");
    const needed = [
      "package.json",
      "package-lock.json",
      "schema/supergraph.graphql",
      "prisma/schema.prisma",
      "prisma/migrations",
      "prisma/scripts/generate.mjs",
      "codegen.ts",
      "tsconfig.json",
      "gateway/src/main.ts",
      "libs/server-kit/src/index.ts",
      "clients/portal/package.json",
    ];
    for (const path of needed) {
      expect(existsSync(join(repoRoot, path)), `${path} exists`).toBe(true);
      const excludedBy = ignore.filter((pattern) => {
        const p = pattern.replace(/^\/+|\/+$/g, "");
        if (p.includes("*"))
          return new RegExp(
            `^(${p
              .replace(/\./g, "\\.")
              .replace(/\*\*\//g, "(.*/)?")
              .replace(/\*/g, "[^/]*")})(/|$)`,
          ).test(path);
        return path === p || path.startsWith(`${p}/`);
      });
      expect(excludedBy, `${path} is excluded from the build context`).toEqual([]);
    }
  });
});

describe.runIf(kubectlAvailable())("rendered overlays (kubectl kustomize)", () => {
  const rendered = new Map<string, K8s[]>();
  const render = (overlay: string): K8s[] => {
    if (rendered.has(overlay)) return rendered.get(overlay)!;
    const out = spawnSync("kubectl", ["kustomize", join(k8sDir, "overlays", overlay)], { encoding: "utf8", timeout: 60_000 });
    if (out.status !== 0) throw new Error(`kubectl kustomize ${overlay}: ${out.stderr}`);
    rendered.set(overlay, parseYaml(out.stdout, overlay));
    return rendered.get(overlay)!;
  };
  const clusterScoped = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding"]);

  it.each([
    ["production", "ppt", 4],
    ["staging", "ppt-staging", 2],
  ])("%s renders into namespace %s with a pinned image and sane sizes", (overlay, namespace, gatewayMin) => {
    const objs = render(overlay as string);
    expect(ofKind(objs, "Namespace").map((n) => n.metadata.name)).toEqual([namespace]);
    for (const o of objs.filter((o) => !clusterScoped.has(o.kind))) expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(namespace);
    expect(ofKind(objs, "Secret")).toEqual([]);
    const workloads = [...ofKind(objs, "Deployment"), ...ofKind(objs, "Job")];
    expect(workloads).toHaveLength(6);
    for (const w of workloads) {
      for (const c of containersOf(w)) {
        // registry/name:tag, never the bare base name and never :latest
        expect(c.image, `${w.metadata.name} image`).toMatch(/^[\w.-]+(:\d+)?\/[\w./-]+:(?!latest$)[\w.-]+$/);
      }
      expectSaneResources(w);
    }
    const hpa = ofKind(objs, "HorizontalPodAutoscaler");
    expect(hpa.find((h) => h.metadata.name === "gateway").spec.minReplicas).toBeGreaterThanOrEqual(gatewayMin as number);
    for (const h of hpa) expect(h.spec.minReplicas).toBeGreaterThanOrEqual(2);
    for (const d of ofKind(objs, "Deployment")) {
      if (hpa.some((h) => h.spec.scaleTargetRef.name === d.metadata.name)) expect(d.spec.replicas, d.metadata.name).toBeUndefined();
    }
    for (const ing of ofKind(objs, "Ingress").filter((i) => i.metadata.name !== "files")) {
      for (const p of ing.spec.rules.flatMap((r: K8s) => r.http.paths)) {
        expect(p.backend.service.name).toBe("gateway");
        expect(["/graphql", "/graphiql"]).toContain(p.path);
        expect(p.pathType).toBe("Exact");
      }
    }
    // The overlay's files host forwards to the overlay's own bucket and its download origin.
    const config = ofKind(objs, "ConfigMap").find((c) => c.metadata.name === "ppt-config");
    const files = ofKind(objs, "Ingress").find((i) => i.metadata.name === "files");
    const bucketHost = `${config.data.S3_BUCKET}.s3.${config.data.S3_REGION}.amazonaws.com`;
    expect(files.metadata.annotations["nginx.ingress.kubernetes.io/upstream-vhost"]).toBe(bucketHost);
    expect(files.metadata.annotations["nginx.ingress.kubernetes.io/proxy-ssl-name"]).toBe(bucketHost);
    expect(ofKind(objs, "Service").find((s) => s.metadata.name === "files-bucket").spec.externalName).toBe(bucketHost);
    expect(files.spec.rules[0].host).toBe(new URL(config.data.S3_DOWNLOAD_ORIGIN).host);
    expect(files.metadata.annotations["nginx.ingress.kubernetes.io/custom-headers"]).toBe(`${namespace}/files-response-headers`);
    // The overlay's NetworkPolicies still isolate the subgraphs.
    const deps = ofKind(objs, "Deployment");
    const pols = ofKind(objs, "NetworkPolicy");
    for (const name of SUBGRAPHS) {
      const labels = deps.find((d) => d.metadata.name === name).spec.template.metadata.labels;
      expect([...allowedSources(labels, pols).peers].sort()).toEqual(["monitoring/prometheus", "pod:gateway"]);
    }
  });

  it("staging (introspection on) also routes /graphiql; production only /graphql", () => {
    const paths = (overlay: string) =>
      ofKind(render(overlay), "Ingress")
        .filter((i) => i.metadata.name !== "files")
        .flatMap((i) => i.spec.rules.flatMap((r: K8s) => r.http.paths.map((p: K8s) => p.path)));
    expect(paths("production")).toEqual(["/graphql"]);
    expect(paths("staging").sort()).toEqual(["/graphiql", "/graphql"]);
    const pptConfig = (overlay: string) => ofKind(render(overlay), "ConfigMap").find((c) => c.metadata.name === "ppt-config");
    const staging = pptConfig("staging");
    expect(staging.data.ENABLE_INTROSPECTION).toBe("true");
    expect(pptConfig("production").data.ENABLE_INTROSPECTION).toBe("false");
  });
});
