// Subscriptions benchmark: N concurrent subscribers (default 5,000) on ONE gateway, each on its
// own graphql-ws socket, all watching the same live thing. Reports, side by side in one run:
//   - event-to-delivery latency p50/p99 (from the moment the mutation is sent to the moment each
//     subscriber has the new state; the mutation's own round trip is reported too),
//   - database queries per event on the property subgraph (its ppt_db_queries_total), with the
//     same mutation measured first without any subscriber, so the cost of live delivery shows,
//   - memory per subscriber (gateway and property subgraph RSS / heap delta ÷ N),
//   - upstream sockets from the gateway to the subgraph (≪ N: one multiplexed socket).
//
//   npx tsx bench/subscriptions/run.ts [--subscribers 5000] [--events 20] [--scenario auto|tally|messages]
//       [--votes 1] [--distinct] [--keep]
//
// --votes K spreads the tally's subscribers over K votes (K groups of identical subscriptions);
// --distinct gives every subscriber its own selection set (nothing can be shared).
//
// The services run as separate processes (bench/support/services.ts) with the real Redis.
// Loopback only; every phase is bounded in count and in time.
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { createClient, type Client } from "graphql-ws";
import pg from "pg";
import WebSocket from "ws";
import { permissionsOf } from "@ppt/property/organizations";
import { supergraphSdl } from "../../gateway/src/app.ts";
import { createBenchDatabase, graphql, percentile, startServices, type Services } from "../support/services.ts";
import { tallyScenario } from "./tally.ts";

const { values } = parseArgs({
  options: {
    subscribers: { type: "string", default: "5000" },
    events: { type: "string", default: "20" },
    scenario: { type: "string", default: "auto" },
    votes: { type: "string", default: "1" },
    distinct: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const N = Number(values.subscribers);
const EVENTS = Number(values.events);
const USERS = Math.min(100, N);
const EVENT_TIMEOUT_MS = 60_000;
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const BATCH_WAIT_MS = 30_000;

export interface Scenario {
  name: string;
  /** The subscription every subscriber runs, and its variables (or per subscriber, below). */
  subscription?: string;
  variables?: Record<string, unknown>;
  subscriptionFor?: (subscriber: number) => string;
  variablesFor?: (subscriber: number) => Record<string, unknown>;
  /** Whether a subscriber gets the event (all of them when absent). */
  watches?: (event: number, subscriber: number) => boolean;
  /** Causes one event (one mutation through the gateway); returns its marker (what subscribers wait for). */
  cause(index: number): Promise<string>;
  /** The marker carried by an event a subscriber received. */
  markerOf(data: any): string | null;
  /** Whether a subscriber first receives the current state: then "subscribed" means it has it. */
  sendsCurrentState?: boolean;
}

export interface BenchWorld {
  client: pg.Client;
  services: Services;
  orgId: string;
  userIds: string[];
  tokens: string[];
  managerToken: string;
}

async function metrics(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(new URL("/metrics", url))).text();
  const values = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const [name, value] = [line.slice(0, line.lastIndexOf(" ")), Number(line.slice(line.lastIndexOf(" ") + 1))];
    values.set(name.replace(/\{.*\}/, ""), (values.get(name.replace(/\{.*\}/, "")) ?? 0) + value);
  }
  return values;
}

const metric = async (url: string, name: string) => (await metrics(url)).get(name) ?? 0;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function seedPeople(client: pg.Client, services: Services): Promise<BenchWorld> {
  const orgId = randomUUID();
  await client.query(
    `INSERT INTO platform.organizations (id, name, slug, type, contact_email, updated_at) VALUES ($1, 'Bench SVB', $2, 'HOUSING_COOPERATIVE', 'bench@example.sk', now())`,
    [orgId, `bench-${orgId}`],
  );
  const users = await client.query<{ id: string }>(
    `INSERT INTO identity.users (email, first_name, last_name, updated_at)
     SELECT 'bench-' || g || '-' || $1 || '@example.sk', 'Vlastník', 'Č. ' || g, now() FROM generate_series(0, $2::int) g RETURNING id`,
    [orgId.slice(0, 8), USERS],
  );
  await client.query(
    `INSERT INTO identity.organization_members (organization_id, user_id, status, updated_at) SELECT $1, id, 'ACTIVE', now() FROM identity.users WHERE id = ANY($2::uuid[])`,
    [orgId, users.rows.map((r) => r.id)],
  );
  const userIds = users.rows.map((r) => r.id);
  const manager = userIds[0]!;
  const owners = userIds.slice(1);
  const ownerRoles = ["owner"];
  const tokens = await Promise.all(owners.map((sub) => services.token({ sub, org: orgId, roles: ownerRoles, permissions: permissionsOf(ownerRoles) })));
  const managerToken = await services.token({ sub: manager, org: orgId, roles: ["manager"], permissions: permissionsOf(["manager"]) });
  return { client, services, orgId, userIds: owners, tokens, managerToken };
}

function messagesScenario(world: BenchWorld, conversationId: string): Scenario {
  return {
    name: "messageAdded (one group conversation)",
    subscription: `subscription($id: ID!) { messageAdded(conversationId: $id) { id body } }`,
    variables: { id: conversationId },
    cause: async (index) => {
      const marker = `bench-${index}-${randomUUID()}`;
      await graphql(
        world.services.gatewayUrl,
        `
          mutation ($input: SendMessageInput!) {
            sendMessage(input: $input) {
              id
            }
          }
        `,
        { input: { conversationId, body: marker } },
        world.managerToken,
      );
      return marker;
    },
    markerOf: (data) => data?.messageAdded?.body ?? null,
  };
}

async function setupMessages(world: BenchWorld): Promise<Scenario> {
  const start = (await graphql(
    world.services.gatewayUrl,
    `
      mutation ($input: StartConversationInput!) {
        startConversation(input: $input) {
          id
        }
      }
    `,
    { input: { participantIds: world.userIds, title: "Bench" } },
    world.managerToken,
  )) as { startConversation: { id: string } };
  return messagesScenario(world, start.startConversation.id);
}

interface Subscriber {
  client: Client;
  received: Map<string, number>;
  /** Something arrived: the subscription is live end to end (the gateway counting it is not enough). */
  live: boolean;
  /** Gave up (after the client's retries): not waited for, counted apart. */
  failed?: boolean;
  disposed?: boolean;
  dispose: () => void;
}

async function main() {
  process.env.REDIS_URL ??= "redis://127.0.0.1:6379";
  process.env.REDIS_KEY_PREFIX = `bench-${randomUUID()}:`;
  // Thousands of sockets from one address and a handful of users: the per-address and per-caller
  // admission limits would refuse them (they are tested in gateway/tests, not measured here).
  process.env.RATE_LIMIT_ENABLED ??= "false";
  const db = await createBenchDatabase("ppt_bench_subscriptions");
  const client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
  const services = await startServices(db);
  const subscribers: Subscriber[] = [];
  try {
    const world = await seedPeople(client, services);
    // Live tallies need the voting module; until it is in the graph, messages stand in.
    const hasTally = supergraphSdl().includes("voteTallyUpdated(");
    const wanted = values.scenario === "auto" ? (hasTally ? "tally" : "messages") : values.scenario;
    const scenario = wanted === "tally" ? await tallyScenario(world, { votes: Number(values.votes), distinct: values.distinct }) : await setupMessages(world);
    const gatewayBase = services.gatewayUrl.replace(/\/graphql$/, "");
    const propertyBase = services.propertyUrl.replace(/\/graphql$/, "");

    // 1. The same mutation without any subscriber: the baseline cost per event.
    const q0 = await metric(propertyBase, "ppt_db_queries_total");
    const baselineRuns = Math.min(10, EVENTS);
    for (let i = 0; i < baselineRuns; i++) await scenario.cause(-1 - i);
    await sleep(1_500); // let the relay publish (its own pool: not counted) and nothing else run
    const baselineQueries = ((await metric(propertyBase, "ppt_db_queries_total")) - q0) / baselineRuns;

    // 2. N subscribers, one socket each.
    const memBefore = { gateway: await metrics(gatewayBase), property: await metrics(propertyBase) };
    const opened = Date.now();
    // Batches of BATCH clients connect at once, the next batch once these are connected (or gave
    // up): 10,000 simultaneous handshakes overflow the listen backlog and measure the kernel's
    // SYN queue rather than the gateway. A batch waits at most BATCH_WAIT_MS.
    for (let i = 0; i < N; i += BATCH) {
      await Promise.all(
        Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => {
          const token = world.tokens[(i + k) % world.tokens.length]!;
          const wsClient = createClient({
            url: services.gatewayUrl.replace(/^http/, "ws"),
            webSocketImpl: WebSocket,
            connectionParams: { authorization: `Bearer ${token}` },
            lazy: false,
            // As real clients do (graphql-ws's default): a connection reset while thousands connect is retried.
            retryAttempts: 5,
            // A failed connection is reported once, by the subscription's error below.
            onNonLazyError: () => undefined,
          });
          let settle!: () => void;
          const settled = new Promise<void>((resolve) => (settle = resolve));
          const timer = setTimeout(settle, BATCH_WAIT_MS);
          wsClient.on("connected", () => {
            clearTimeout(timer);
            settle();
          });
          const received = new Map<string, number>();
          const subscriber = { client: wsClient, received, live: false } as Subscriber;
          const dispose = wsClient.subscribe(
            { query: scenario.subscriptionFor?.(i + k) ?? scenario.subscription!, variables: scenario.variablesFor?.(i + k) ?? scenario.variables ?? {} },
            {
              next: (result) => {
                subscriber.live = true;
                if (process.env.BENCH_DEBUG || result.errors) console.error("result", JSON.stringify(result).slice(0, 300));
                const marker = scenario.markerOf(result.data);
                if (marker && !received.has(marker)) received.set(marker, performance.now());
              },
              error: (error) => {
                subscriber.failed = true;
                clearTimeout(timer);
                settle();
                console.error(
                  "subscription error",
                  error instanceof Error ? error.message : ((error as { message?: string })?.message ?? JSON.stringify(error).slice(0, 300)),
                );
              },
              // The server never ends a live subscription on its own: count it as lost.
              complete: () => {
                if (!subscriber.disposed) {
                  subscriber.failed = true;
                  console.error("subscription completed by the server");
                }
              },
            },
          );
          subscriber.dispose = dispose;
          subscribers.push(subscriber);
          return settled;
        }),
      );
    }
    const deadline = Date.now() + 120_000;
    while ((await metric(gatewayBase, "ppt_subscriptions_active")) < N - subscribers.filter((s) => s.failed).length && Date.now() < deadline) await sleep(250);
    // The gateway counts a subscription before the subgraph has set it up; with the current state
    // sent first, wait until every subscriber holds it, so events measure delivery, not setup.
    if (scenario.sendsCurrentState) while (subscribers.some((s) => !s.live && !s.failed) && Date.now() < deadline) await sleep(250);
    const active = await metric(gatewayBase, "ppt_subscriptions_active");
    if (process.env.BENCH_DEBUG) {
      const { rows } = await client.query(
        `SELECT usename, state, count(*)::int AS n, max(now() - xact_start) AS oldest FROM pg_stat_activity WHERE datname = current_database() GROUP BY 1, 2`,
      );
      console.error("connections", JSON.stringify(rows));
    }
    const subscribeSeconds = (Date.now() - opened) / 1000;
    await sleep(2_000);
    const memAfter = { gateway: await metrics(gatewayBase), property: await metrics(propertyBase) };
    const upstreamSockets = await metric(gatewayBase, "ppt_subscription_upstream_sockets");
    const clientSockets = await metric(gatewayBase, "ppt_subscription_client_sockets");

    // 3. Events, one at a time: each waits until every subscriber has it (or the timeout).
    const latencies: number[] = [];
    const mutationTimes: number[] = [];
    let missing = 0;
    const q1 = await metric(propertyBase, "ppt_db_queries_total");
    let failedEvents = 0;
    for (let e = 0; e < EVENTS; e++) {
      const sent = performance.now();
      let marker: string;
      try {
        marker = await scenario.cause(e);
      } catch (error) {
        // A mutation refused under load (e.g. the subgraph's deadline passed): counted, and the run goes on.
        failedEvents++;
        console.error(`event ${e} failed: ${(error as Error).message.slice(0, 300)}`);
        continue;
      }
      mutationTimes.push(performance.now() - sent);
      const until = Date.now() + EVENT_TIMEOUT_MS;
      const audience = subscribers.filter((s, i) => scenario.watches?.(e, i) ?? true);
      while (audience.some((s) => !s.failed && !s.received.has(marker)) && Date.now() < until) await sleep(5);
      for (const s of audience) {
        if (s.failed) continue;
        const at = s.received.get(marker);
        if (at === undefined) missing++;
        else latencies.push(at - sent);
      }
    }
    await sleep(1_500);
    const liveQueries = ((await metric(propertyBase, "ppt_db_queries_total")) - q1) / EVENTS;
    latencies.sort((a, b) => a - b);
    mutationTimes.sort((a, b) => a - b);

    const delta = (side: "gateway" | "property", name: string) => ((memAfter[side].get(name) ?? 0) - (memBefore[side].get(name) ?? 0)) / N;
    const report = {
      scenario: scenario.name,
      loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
      subscribers: N,
      activeSubscriptionsOnGateway: active,
      failedSubscribers: subscribers.filter((s) => s.failed).length,
      liveSubscribers: scenario.sendsCurrentState ? subscribers.filter((s) => s.live).length : "n/a (no current state sent)",
      subscribeSeconds,
      events: EVENTS,
      failedEvents,
      deliveries: latencies.length,
      missingDeliveries: missing,
      latencyMs: {
        p50: Number(percentile(latencies, 50).toFixed(1)),
        p99: Number(percentile(latencies, 99).toFixed(1)),
        max: Number((latencies.at(-1) ?? NaN).toFixed(1)),
      },
      mutationRoundTripMs: { p50: Number(percentile(mutationTimes, 50).toFixed(1)) },
      dbQueriesPerEvent: { withoutSubscribers: baselineQueries, withSubscribers: liveQueries, liveDeliveryCost: liveQueries - baselineQueries },
      memoryPerSubscriber: {
        gatewayRss: `${(delta("gateway", "process_resident_memory_bytes") / 1024).toFixed(1)} KB`,
        gatewayHeap: `${(delta("gateway", "nodejs_heap_size_used_bytes") / 1024).toFixed(1)} KB`,
        propertyRss: `${(delta("property", "process_resident_memory_bytes") / 1024).toFixed(1)} KB`,
        propertyHeap: `${(delta("property", "nodejs_heap_size_used_bytes") / 1024).toFixed(1)} KB`,
      },
      gatewayRssAfter: mb(memAfter.gateway.get("process_resident_memory_bytes") ?? 0),
      sockets: { clientSocketsOnGateway: clientSockets, upstreamSocketsToSubgraphs: upstreamSockets },
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    for (const s of subscribers) {
      s.disposed = true;
      s.dispose();
    }
    await Promise.all(subscribers.map(async (s) => s.client.dispose()));
    await services.stop();
    await client.end();
    if (!values.keep) await db.drop();
  }
}

await main();
