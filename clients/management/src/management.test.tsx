// The management app's screens rendered on the server (prerenderStatic + renderToString) against
// the real gateway, both subgraphs and PostgreSQL, signed in with a real token; and its split link
// carrying a subscription over graphql-ws while queries and mutations go over HTTP.
import { renderToString } from "react-dom/server";
import { ApolloProvider } from "@apollo/client/react";
import { prerenderStatic } from "@apollo/client/react/ssr";
import { Router } from "wouter";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createAccount, createBuilding, createFault, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { App } from "./App.tsx";
import { createManagementClient } from "./apollo.ts";
import { BuildingFaults } from "./faults/BuildingFaults.tsx";
import { BuildingFaultsDocument, ChangeFaultStatusDocument, FaultRowFragmentDoc, FaultUpdatedDocument } from "./generated/graphql.ts";
import { createSessionRenewal, signIn, signOut } from "./session/auth.ts";
import { createTokenStore, type SessionTokens, type TokenStore } from "./session/session.ts";
import { SessionProvider } from "./session/SessionContext.tsx";

let stack: Stack;
let managerToken: string;
let sturovaId: string;
let faultId: string;
let conversationId: string;
let account: { email: string };
const PASSWORD = "bezpečné-heslo-2024";

/** A session as a test token gives it: no refresh token, expiry unknown. */
const sessionOf = (accessToken: string): SessionTokens => ({ accessToken, refreshToken: null, expiresAt: null });

async function render(path: string, search = "", tokens: TokenStore = createTokenStore({ initial: sessionOf(managerToken) })) {
  const client = createManagementClient({ uri: stack.gateway.url, tokens, ssrMode: true });
  const tree = (
    <ApolloProvider client={client}>
      <SessionProvider tokens={tokens}>
        <Router ssrPath={path} ssrSearch={search}>
          <App />
        </Router>
      </SessionProvider>
    </ApolloProvider>
  );
  const { result } = await prerenderStatic({ tree, renderFunction: renderToString });
  return result.replace(/<!-- -->/g, "").replace(/&amp;/g, "&");
}

beforeAll(async () => {
  // Real Redis for pub/sub: both subgraphs relay the one outbox, and with in-process channels an
  // event that the reality subgraph's relay happens to claim never reaches the property subscriber.
  stack = await startStack({ redis: true });
  const db = stack.owner.prisma;
  const org = await createOrganization(db, "Bytové družstvo Sever");
  const other = await createOrganization(db, "Cudzie SVB");
  const sturova = await createBuilding(db, org.id, "Košice", "Štúrova", "12");
  sturovaId = sturova.id;
  await createBuilding(db, org.id, "Prešov", "Mierová", "5");
  await createBuilding(db, other.id, "Košice", "Tajná", "9");
  const entrance = await db.entrance.create({
    data: { organizationId: org.id, buildingId: sturova.id, designation: "A", street: "Štúrova", addressNumber: "12A" },
  });
  const unit = await createUnit(db, org.id, sturova.id, "4", 3);
  await db.unit.update({ where: { id: unit.id }, data: { entranceId: entrance.id } });

  const manager = await createUser(db, "Zuzana", "Šťastná");
  await addMember(db, org.id, manager.id);
  managerToken = await stack.tokenFor(manager.id, org.id, ["manager"]);
  account = await createAccount(db, { password: PASSWORD, organizationId: org.id, roles: ["manager"], firstName: "Eva" });
  const resident = await createUser(db, "Ľubomír", "Kováč");
  await addMember(db, org.id, resident.id);
  faultId = (await createFault(db, { organizationId: org.id, buildingId: sturova.id, unitId: unit.id, reporterId: resident.id, title: "Kvapkajúci kohútik" }))
    .id;
  await createFault(db, { organizationId: other.id, buildingId: (await createBuilding(db, other.id)).id, reporterId: resident.id, title: "Cudzia porucha" });

  const residentToken = await stack.tokenFor(resident.id, org.id, ["owner"]);
  const started = await stack.query(
    `mutation($input: StartConversationInput!) { startConversation(input: $input) { id } }`,
    { input: { participantIds: [manager.id], title: "Výmena vodomerov" } },
    residentToken,
  );
  conversationId = started.data.startConversation.id;
  const sent = await stack.query(
    `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
    { input: { conversationId, body: "Kedy prídu technici?" } },
    residentToken,
  );
  expect(sent.errors).toBeUndefined();
});

afterAll(async () => {
  await stack?.stop();
});

describe("buildings", () => {
  it("lists the organization's buildings by address, and none of another organization's", async () => {
    const html = await render("/budovy");
    expect(html).toContain("Bytové družstvo Sever");
    expect(html).toContain("Štúrova 12, Košice");
    expect(html).toContain("Mierová 5, Prešov");
    expect(html).toContain("2 budovy");
    expect(html).not.toContain("Tajná");
    expect(html).toContain(`href="/budovy/${sturovaId}"`);
  });

  it("searches by street without diacritics, the search taken from the URL", async () => {
    const html = await render("/budovy", "hladat=sturova");
    expect(html).toContain("Štúrova 12, Košice");
    expect(html).toContain("1 budova");
    expect(html).not.toContain("Mierová");
  });

  it("shows a building's entrances, its units with area and exact share, and its faults", async () => {
    const html = await render(`/budovy/${sturovaId}`);
    expect(html).toContain("<h1>Štúrova 12, Košice</h1>");
    expect(html).toContain("Vchod A");
    expect(html).toContain("Štúrova 12A");
    expect(html).toMatch(/<td>4<\/td><td>Byt<\/td><td>A<\/td><td>3<\/td><td>3<\/td><td>68,4 m²<\/td><td>684\/10000<\/td>/);
    expect(html).toContain("Kvapkajúci kohútik");
    expect(html).toContain("Nová");
  });
});

describe("faults", () => {
  it("lists the organization's faults with Slovak statuses, filterable by status", async () => {
    const all = await render("/poruchy");
    expect(all).toContain("Kvapkajúci kohútik");
    expect(all).toContain("1 porucha");
    expect(all).toContain("Voda a kanalizácia");
    expect(all).not.toContain("Cudzia porucha");
    const resolved = await render("/poruchy", "stav=RESOLVED");
    expect(resolved).toContain("0 porúch");
    expect(resolved).not.toContain("Kvapkajúci kohútik");
  });

  it("shows a fault with its reporter and the moves the workflow allows a manager", async () => {
    const html = await render(`/poruchy/${faultId}`);
    expect(html).toContain("Kvapkajúci kohútik");
    expect(html).toContain("Voda kvapká celú noc.");
    expect(html).toContain("Ľubomír Kováč");
    expect(html).toContain("Zmeniť stav na");
    expect(html).toMatch(/<button[^>]*>Posúdená<\/button>/);
  });
});

describe("messages", () => {
  it("lists conversations with unread counts and shows a conversation's messages", async () => {
    const list = await render("/spravy");
    expect(list).toContain("Výmena vodomerov");
    expect(list).toContain("1 neprečítaná");
    const view = await render(`/spravy/${conversationId}`);
    expect(view).toContain("Kedy prídu technici?");
    expect(view).toContain("Ľubomír Kováč");
  });
});

describe("session", () => {
  it("shows the sign-in form without a session, and asks the graph nothing", async () => {
    const before = stack.queryCount();
    const html = await render("/budovy", "", createTokenStore());
    expect(html).toContain("Prihlásenie");
    expect(html).toMatch(/<input type="email"/);
    expect(html).toMatch(/<input type="password"/);
    expect(html).not.toContain("Štúrova");
    expect(stack.queryCount()).toBe(before);
  });

  it("signs in with e-mail and password; the app then shows the person and their organization's buildings", async () => {
    const tokens = createTokenStore();
    const client = createManagementClient({ uri: stack.gateway.url, tokens });
    expect(await signIn(client, tokens, account.email, PASSWORD)).toEqual({ kind: "signedIn" });
    expect(tokens.session()?.refreshToken).toBeTruthy();
    const html = await render("/budovy", "", tokens);
    expect(html).toContain("Eva Prihlásená");
    expect(html).toContain("Bytové družstvo Sever");
    expect(html).toContain("Štúrova 12, Košice");
  });

  it("refuses a wrong password and stays signed out", async () => {
    const tokens = createTokenStore();
    const client = createManagementClient({ uri: stack.gateway.url, tokens });
    expect(await signIn(client, tokens, account.email, "zlé-heslo-12345")).toEqual({ kind: "refused", code: "UNAUTHENTICATED" });
    expect(tokens.get()).toBeNull();
  });

  it("renews a refused access token with the refresh token (rotating it) and retries the screen's queries", async () => {
    const tokens = createTokenStore();
    await signIn(createManagementClient({ uri: stack.gateway.url, tokens }), tokens, account.email, PASSWORD);
    const first = tokens.session()!;
    tokens.set({ ...first, accessToken: "expired-or-forged" });
    const html = await render("/budovy", "", tokens);
    expect(html).toContain("Štúrova 12, Košice");
    expect(tokens.get()).not.toBe("expired-or-forged");
    expect(tokens.session()?.refreshToken).not.toBe(first.refreshToken);
  });

  it("signs out on the server: the refresh token stops working", async () => {
    const tokens = createTokenStore();
    const client = createManagementClient({ uri: stack.gateway.url, tokens });
    await signIn(client, tokens, account.email, PASSWORD);
    const ended = tokens.session()!;
    await signOut(client, tokens);
    expect(tokens.get()).toBeNull();
    const stale = createTokenStore({ initial: ended });
    expect(await createSessionRenewal(stack.gateway.url, stale)()).toBe(false);
    expect(stale.get()).toBeNull();
  });

  it("signs out when the gateway refuses the token and there is nothing to renew it with", async () => {
    const tokens = createTokenStore({ initial: sessionOf("expired-or-forged") });
    const html = await render("/budovy", "", tokens);
    expect(tokens.get()).toBeNull();
    expect(html).toContain("Prihlásenie");
  });
});

describe("live updates through the split link", () => {
  it("receives faultUpdated over graphql-ws (authenticated) and merges the fault into the cache", async () => {
    const tokens = createTokenStore({ initial: sessionOf(managerToken) });
    const client = createManagementClient({ uri: stack.gateway.url, tokens, wsUrl: stack.gateway.url.replace(/^http/, "ws"), webSocketImpl: WebSocket });
    // The building's fault list as the screen loads it, so the render below can come from the cache alone.
    await client.query({ query: BuildingFaultsDocument, variables: { buildingId: sturovaId } });
    const events: { event: string; status: string }[] = [];
    const subscription = client.subscribe({ query: FaultUpdatedDocument, variables: { buildingId: sturovaId } }).subscribe({
      next: ({ data }) => {
        if (data)
          events.push({
            event: data.faultUpdated.event,
            status: client.readFragment({ fragment: FaultRowFragmentDoc, id: `Fault:${data.faultUpdated.faultId}` })?.status ?? "?",
          });
      },
    });
    try {
      // Wake-ups are not replayed, so a change made before the subgraph listens is never announced:
      // report probe faults until one gets through, then watch status changes only.
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      for (let i = 0; i < 60 && events.length === 0; i++) {
        const probe = await stack.query(
          `mutation($input: ReportFaultInput!) { reportFault(input: $input) { id } }`,
          { input: { buildingId: sturovaId, title: `Skúška ${i}`, description: "Skúška spojenia" } },
          managerToken,
        );
        expect(probe.errors).toBeUndefined();
        await sleep(250);
      }
      expect(events.length).toBeGreaterThan(0);
      expect(stack.gateway.subscriptions.clientCount()).toBeGreaterThan(0);
      const statusEvents = () => events.filter((e) => e.event === "fault.status_changed");

      const waitForEvents = async (count: number) => {
        // Fault events go out through the polling outbox relay: allow it a generous while under load.
        for (let i = 0; i < 250 && statusEvents().length < count; i++) await sleep(100);
        expect(statusEvents()).toHaveLength(count);
      };
      // A mutation through the same client goes over HTTP; its event comes back over the socket.
      const moved = await client.mutate({ mutation: ChangeFaultStatusDocument, variables: { id: faultId, status: "TRIAGED" } });
      expect(moved.data?.changeFaultStatus.id).toBe(faultId);
      await waitForEvents(1);
      expect(statusEvents()[0]).toEqual({ event: "fault.status_changed", status: "TRIAGED" });
      // Someone else's change reaches this client's cache only through the subscription.
      const other = await stack.query(`mutation { changeFaultStatus(id: "${faultId}", status: IN_PROGRESS) { status } }`, {}, managerToken);
      expect(other.errors).toBeUndefined();
      await waitForEvents(2);
      expect(statusEvents()[1]).toEqual({ event: "fault.status_changed", status: "IN_PROGRESS" });

      // The building's fault list, rendered from that cache without asking the graph, shows the live status.
      const before = stack.queryCount();
      const html = renderToString(
        <ApolloProvider client={client}>
          <Router ssrPath={`/budovy/${sturovaId}`}>
            <BuildingFaults buildingId={sturovaId} />
          </Router>
        </ApolloProvider>,
      );
      expect(html).toContain("Rieši sa");
      expect(stack.queryCount()).toBe(before);
    } finally {
      subscription.unsubscribe();
      client.stop();
    }
  }, 60_000);
});
