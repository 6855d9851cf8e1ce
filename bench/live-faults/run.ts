// Live faults benchmark: N subscribers of `faultUpdated(buildingId)` on one gateway (each on its
// own graphql-ws socket), and a manager changing faults of that building through the gateway:
// report, edit the title, comment, assign, and three status moves (7 changes per fault).
// Reports event-to-delivery latency p50/p99 (from sending the mutation to each subscriber holding
// the event) and the mutation's own round trip, plus what never arrived.
//
//   npx tsx bench/live-faults/run.ts [--subscribers 50] [--faults 20] [--keep]
//
// The services run as separate processes (bench/support/services.ts); without REDIS_URL in the
// environment pub/sub is in-process, as on the embedded default. Every wait is bounded.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { connectDatabase } from "@ppt/server-kit";
import { permissionsOf } from "@ppt/property/organizations";
import { addMember, createBuilding, createOrganization, createUser } from "@ppt/testing/fixtures";
import { createBenchDatabase, graphql, percentile, startServices } from "../support/services.ts";

const { values } = parseArgs({
  options: {
    subscribers: { type: "string", default: "50" },
    faults: { type: "string", default: "20" },
    keep: { type: "boolean", default: false },
  },
});
const N = Number(values.subscribers);
const FAULTS = Number(values.faults);
const EVENT_TIMEOUT_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Subscriber {
  client: Client;
  /** Arrival time of each event, by `<faultId> <n-th change>`. */
  arrivals: Map<string, number>;
  counts: Map<string, number>;
}

const db = await createBenchDatabase("ppt_bench_live_faults");
const services = await startServices(db);
const owner = connectDatabase(db.ownerUrl, { max: 2 });
try {
  const orgId = (await createOrganization(owner.prisma, "Bench SVB")).id;
  const buildingId = (await createBuilding(owner.prisma, orgId)).id;
  const people = [];
  for (let i = 0; i <= N; i++) {
    const user = await createUser(owner.prisma, "Bench", `Správca ${i}`);
    await addMember(owner.prisma, orgId, user.id);
    people.push({ id: user.id, token: await services.token({ sub: user.id, org: orgId, roles: ["manager"], permissions: permissionsOf(["manager"]) }) });
  }
  const [actor, ...watchers] = people;
  const wsUrl = services.gatewayUrl.replace(/^http/, "ws");

  const subscribers: Subscriber[] = watchers.map((who) => {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${who.token}` }, retryAttempts: 0 });
    const subscriber: Subscriber = { client, arrivals: new Map(), counts: new Map() };
    client.subscribe<{ faultUpdated: { faultId: string; event: string } }>(
      { query: `subscription($b: ID!) { faultUpdated(buildingId: $b) { faultId event } }`, variables: { b: buildingId } },
      {
        next: (value) => {
          const faultId = value.data?.faultUpdated.faultId;
          if (!faultId) return;
          const n = (subscriber.counts.get(faultId) ?? 0) + 1;
          subscriber.counts.set(faultId, n);
          subscriber.arrivals.set(`${faultId} ${n}`, performance.now());
        },
        error: (error) => console.error("subscription error", error),
        complete: () => undefined,
      },
    );
    return subscriber;
  });
  const send = (query: string, variables: Record<string, unknown>) => graphql(services.gatewayUrl, query, variables, actor!.token) as Promise<any>;
  // Measure only once every subscription is open on the subgraph: warm-up faults until all hear one.
  for (let attempt = 0; attempt < 60 && subscribers.some((s) => s.counts.size === 0); attempt++) {
    await send(`mutation($input: ReportFaultInput!) { reportFault(input: $input) { id } }`, { input: { buildingId, title: "Warm-up", description: "-" } });
    await sleep(1_000);
  }
  const open = subscribers.filter((s) => s.counts.size > 0).length;
  if (open < subscribers.length) throw new Error(`only ${open} of ${subscribers.length} subscriptions opened`);
  const latencies: number[] = [];
  const roundTrips: number[] = [];
  let missing = 0;
  let changes = 0;
  const measure = async (faultIdOf: () => string, n: number, cause: () => Promise<unknown>) => {
    const started = performance.now();
    await cause();
    roundTrips.push(performance.now() - started);
    const key = `${faultIdOf()} ${n}`;
    const deadline = Date.now() + EVENT_TIMEOUT_MS;
    while (subscribers.some((s) => !s.arrivals.has(key)) && Date.now() < deadline) await sleep(2);
    for (const s of subscribers) {
      const at = s.arrivals.get(key);
      if (at === undefined) missing++;
      else latencies.push(at - started);
    }
    changes++;
  };

  for (let f = 0; f < FAULTS; f++) {
    let faultId = "";
    await measure(
      () => faultId,
      1,
      async () => {
        const data = await send(`mutation($input: ReportFaultInput!) { reportFault(input: $input) { id } }`, {
          input: { buildingId, title: `Bench ${f}`, description: randomUUID() },
        });
        faultId = data.reportFault.id;
      },
    );
    await measure(
      () => faultId,
      2,
      () => send(`mutation($id: ID!) { updateFault(id: $id, input: { title: "Bench upravená" }) { id } }`, { id: faultId }),
    );
    await measure(
      () => faultId,
      3,
      () => send(`mutation($id: ID!) { commentOnFault(faultId: $id, body: "Bench") { id } }`, { id: faultId }),
    );
    await measure(
      () => faultId,
      4,
      () => send(`mutation($id: ID!, $to: ID) { assignFault(id: $id, assigneeId: $to) { id } }`, { id: faultId, to: actor!.id }),
    );
    let n = 5;
    for (const status of ["TRIAGED", "IN_PROGRESS", "RESOLVED"]) {
      await measure(
        () => faultId,
        n++,
        () => send(`mutation($id: ID!, $s: FaultStatus!) { changeFaultStatus(id: $id, status: $s) { id } }`, { id: faultId, s: status }),
      );
    }
  }

  latencies.sort((a, b) => a - b);
  roundTrips.sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(`live faults: ${N} subscribers, ${changes} fault changes (${FAULTS} faults × 7), pub/sub ${process.env.REDIS_URL ? "Redis" : "in-process"}`);
  console.log(`  event-to-delivery: p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1) ?? Number.NaN)}`);
  console.log(`  mutation round trip: p50 ${ms(percentile(roundTrips, 50))}, p99 ${ms(percentile(roundTrips, 99))}`);
  console.log(`  deliveries: ${latencies.length} of ${changes * N}, missing ${missing}`);
  await Promise.all(subscribers.map(async (s) => s.client.dispose()));
} finally {
  await owner.close();
  await services.stop();
  if (!values.keep) await db.drop();
}
