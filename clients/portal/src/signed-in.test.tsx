// The portal for a signed-in portal user, against the real gateway, both subgraphs and
// PostgreSQL: sign-in and registration through the app's own client (token store in memory),
// renewal of a refused or expiring access token, favorites, saved searches and inquiries, with
// the screens rendered on the server (prerenderStatic + renderToString) as the user would see them.
import { randomUUID } from "node:crypto";
import { renderToString } from "react-dom/server";
import { ApolloProvider } from "@apollo/client/react";
import { prerenderStatic } from "@apollo/client/react/ssr";
import type { ApolloClient } from "@apollo/client";
import { Router } from "wouter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createRealtorAccount, joinAgency } from "@ppt/testing/fixtures";
import { insertListing, portalToken } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";
import { createSessionRenewal, register, requestPasswordReset, resetPassword, signIn, signOut, verifyEmail } from "./account/auth.ts";
import { returnPath, signInHref } from "./account/return-path.ts";
import { SessionProvider } from "./account/SessionContext.tsx";
import { createTokenStore, type TokenStore } from "./account/tokens.ts";
import { App } from "./App.tsx";
import { createPortalClient } from "./apollo.ts";
import { describeRefusal, errorCode } from "@ppt/client-shared";
import { saveFavorite, unsaveFavorite } from "./favorites/favorite.ts";
import { deleteSavedSearch, saveSearch } from "./favorites/saved-searches.ts";
import { ListingDetailDocument, MyFavoritesDocument, MySavedSearchesDocument, PortalMeDocument } from "./generated/graphql.ts";
import { sendInquiry } from "./inquiries/inquiries.ts";
import { searchFromParams } from "./listings/search-params.ts";
import { sk } from "./i18n/sk.ts";

const PASSWORD = "bezpečné-heslo-2026";
let stack: Stack;
let flatId: string;
let houseId: string;
let realtor: { userId: string; realtorId: string; token: string };

/** The fetch the app's client uses, counting the refresh requests it makes and the tokens it sends. */
function countingFetch() {
  const counts = { refresh: 0, bearers: [] as string[] };
  const counted: typeof fetch = (input, init) => {
    if (typeof init?.body === "string" && init.body.includes('"operationName":"RefreshPortalToken"')) counts.refresh++;
    const authorization = new Headers(init?.headers).get("authorization");
    if (authorization) counts.bearers.push(authorization.replace(/^Bearer /, ""));
    return fetch(input, init);
  };
  return { fetch: counted, counts };
}

function clientFor(tokens: TokenStore, fetchImpl: typeof fetch = fetch, ssrMode = false): ApolloClient {
  return createPortalClient({ uri: stack.gateway.url, tokens, ssrMode, fetch: fetchImpl });
}

async function render(path: string, search = "", tokens: TokenStore = createTokenStore(), fetchImpl: typeof fetch = fetch) {
  const tree = (
    <ApolloProvider client={clientFor(tokens, fetchImpl, true)}>
      <SessionProvider tokens={tokens}>
        <Router ssrPath={path} ssrSearch={search}>
          <App />
        </Router>
      </SessionProvider>
    </ApolloProvider>
  );
  const { result } = await prerenderStatic({ tree, renderFunction: renderToString });
  return result
    .replace(/<!-- -->/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"');
}

/** A new account, registered and signed in through the app's client. */
async function signedInUser(displayName = "Lucia Kupujúca") {
  const tokens = createTokenStore();
  const client = clientFor(tokens);
  const email = `${randomUUID()}@portal.example.sk`;
  expect(await register(client, { email, password: PASSWORD, displayName })).toEqual({ ok: true });
  expect(await signIn(client, tokens, email, PASSWORD)).toEqual({ ok: true });
  const user = await stack.owner.prisma.portalUser.findUniqueOrThrow({ where: { email } });
  return { tokens, client, email, userId: user.id };
}

const sessionsOf = (portalUserId: string) => stack.owner.prisma.portalSession.findMany({ where: { portalUserId }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const agency = await createAgency(db, "Reality Východ");
  const account = await createRealtorAccount(db, "Mária Kováčová");
  await joinAgency(db, agency.id, account.realtorId);
  realtor = { ...account, token: await portalToken(stack, account.userId) };
  const published = { agencyId: agency.id, realtorId: realtor.realtorId };
  flatId = (await insertListing(db, { ...published, title: "Slnečný 3-izbový byt s balkónom", city: "Košice", price: "149000" })).id;
  houseId = (await insertListing(db, { ...published, title: "Rodinný dom pri lese", city: "Prešov", propertyType: "HOUSE", price: "289900" })).id;
});

afterAll(async () => {
  await stack?.stop();
});

describe("account", () => {
  it("a visitor sees a sign-in link, no favorite stars, and a sign-in prompt instead of the inquiry form", async () => {
    const home = await render("/");
    expect(home).toContain("Slnečný 3-izbový byt s balkónom");
    expect(home).toMatch(/<a href="\/prihlasenie"[^>]*>Prihlásiť sa<\/a>/);
    expect(home).not.toContain("aria-pressed");
    expect(home).not.toContain("Uložiť hľadanie");
    const detail = await render(`/inzerat/${flatId}`);
    expect(detail).toContain(`href="/prihlasenie?spat=%2Finzerat%2F${flatId}"`);
    expect(detail).toContain("Ak sa chcete opýtať na tento inzerát, prihláste sa.");
    expect(detail).not.toContain("<textarea");
  });

  it("asks a visitor to sign in on the user's own pages, without asking the graph", async () => {
    const before = stack.queryCount();
    for (const path of ["/oblubene", "/ulozene-hladania", "/moje-dopyty"]) {
      const html = await render(path);
      expect(html).toContain("Táto stránka je len pre prihlásených.");
      expect(html).toContain(`href="/prihlasenie?spat=${encodeURIComponent(path)}"`);
    }
    expect(stack.queryCount()).toBe(before);
  });

  it("follows only a path of this site after sign-in", () => {
    expect(returnPath(new URLSearchParams({ spat: "/oblubene" }).toString())).toBe("/oblubene");
    expect(returnPath(new URLSearchParams({ spat: "//evil.example/x" }).toString())).toBe("/");
    expect(returnPath(new URLSearchParams({ spat: "https://evil.example" }).toString())).toBe("/");
    expect(returnPath("")).toBe("/");
    expect(signInHref("/?mesto=Košice")).toBe("/prihlasenie?spat=%2F%3Fmesto%3DKo%C5%A1ice");
  });

  it("registers and signs in through the app's client; the header then shows the user's name and menu", async () => {
    const { tokens } = await signedInUser("Lucia Kupujúca");
    expect(tokens.session()?.refreshToken).toBeTruthy();
    expect(new Date(tokens.session()!.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const html = await render("/", "", tokens);
    expect(html).toContain("<summary>Lucia Kupujúca</summary>");
    expect(html).toContain('href="/oblubene"');
    expect(html).toContain('href="/moje-dopyty"');
    expect(html).toContain("Odhlásiť sa");
    expect(html).not.toMatch(/>Prihlásiť sa<\/a>/);
  });

  it("refuses a wrong password with the server's code, in Slovak, and stays signed out", async () => {
    const { email } = await signedInUser();
    const tokens = createTokenStore();
    const outcome = await signIn(clientFor(tokens), tokens, email, "zlé-heslo-12345");
    expect(outcome).toEqual({ ok: false, code: "UNAUTHENTICATED" });
    expect(describeRefusal(sk, { code: outcome.ok ? "" : outcome.code }, sk.account.refused)).toBe("Nesprávny e-mail alebo heslo.");
    expect(tokens.get()).toBeNull();
  });

  it("answers a registration of a known address the same (the e-mail tells the rest)", async () => {
    const { email } = await signedInUser();
    const tokens = createTokenStore();
    expect(await register(clientFor(tokens), { email, password: "iné-heslo-12345", displayName: "Niekto iný" })).toEqual({ ok: true });
    // The password given with the second registration is not applied.
    expect((await signIn(clientFor(tokens), tokens, email, "iné-heslo-12345")).ok).toBe(false);
  });

  it("signs out on the server: the refresh token stops working", async () => {
    const { tokens, client } = await signedInUser();
    const ended = tokens.session()!;
    await signOut(client, tokens);
    expect(tokens.get()).toBeNull();
    const stale = createTokenStore({ initial: ended });
    expect(await createSessionRenewal(stack.gateway.url, stale)(ended.accessToken)).toBe("refused");
    expect(stale.get()).toBeNull();
    expect((await stack.query("{ portalMe { id } }", {}, ended.accessToken)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("confirms the address from the e-mailed link (/overenie-emailu?token=…) by a button, once", async () => {
    const { tokens, client, userId } = await signedInUser();
    const event = await stack.owner.prisma.outboxEvent.findFirst({
      where: { eventType: "portal_user.email_verification_requested", payload: { path: ["portalUserId"], equals: userId } },
      orderBy: { createdAt: "desc" },
    });
    const token = (event!.payload as { token: string }).token;
    const page = await render("/overenie-emailu", new URLSearchParams({ token }).toString(), tokens);
    expect(page).toContain("<h1>Potvrdenie e-mailu</h1>");
    expect(page).toMatch(/<button type="submit"[^>]*>Potvrdiť adresu<\/button>/);
    // Rendering the page (as a mail scanner opening the link would) used nothing up.
    expect((await stack.owner.prisma.portalUser.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).toBeNull();
    expect(await render("/overenie-emailu", "", tokens)).toContain("Odkaz na potvrdenie je neúplný.");

    expect(await verifyEmail(client, token)).toEqual({ ok: true });
    expect((await stack.owner.prisma.portalUser.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).not.toBeNull();
    const again = await verifyEmail(client, token);
    expect(again).toEqual({ ok: false, code: "BAD_USER_INPUT", field: "token" });
    expect(describeRefusal(sk, { code: again.ok ? "" : again.code }, sk.account.verifyRefused)).toBe("Odkaz už neplatí alebo bol použitý.");
  });

  it("sets a new password from the e-mailed link (/obnova-hesla?token=…); the link works once", async () => {
    const { tokens, client, email, userId } = await signedInUser();
    expect(await requestPasswordReset(client, email)).toEqual({ ok: true });
    const event = await stack.owner.prisma.outboxEvent.findFirst({
      where: { eventType: "portal_user.password_reset_requested", payload: { path: ["portalUserId"], equals: userId } },
      orderBy: { createdAt: "desc" },
    });
    const token = (event!.payload as { token: string }).token;
    const page = await render("/obnova-hesla", new URLSearchParams({ token }).toString(), tokens);
    expect(page).toContain("<h1>Nové heslo</h1>");
    expect(page).toMatch(/<input type="password"/);
    expect(await render("/obnova-hesla", "", tokens)).toContain("Odkaz na obnovu hesla je neúplný.");

    const newPassword = "nové-dlhé-heslo-2026";
    expect(await resetPassword(client, tokens, token, newPassword)).toEqual({ ok: true });
    // Every session ended, this one included: signed out here too.
    expect(tokens.get()).toBeNull();
    const again = await resetPassword(client, tokens, token, "ešte-iné-heslo-2026");
    expect(again).toEqual({ ok: false, code: "BAD_USER_INPUT", field: "token" });
    expect((await signIn(client, tokens, email, PASSWORD)).ok).toBe(false);
    expect(await signIn(client, tokens, email, newPassword)).toEqual({ ok: true });
  });
});

describe("token renewal", () => {
  it("renews a refused access token with the refresh token once, rotates it and retries the queries", async () => {
    const { tokens, userId } = await signedInUser("Obnovená Relácia");
    const first = tokens.session()!;
    tokens.set({ ...first, accessToken: "expired-or-forged" });
    const { fetch: counted, counts } = countingFetch();
    const client = clientFor(tokens, counted);
    // Three requests refused at once: one renewal, all three retried with its token.
    const results = await Promise.all([
      client.query({ query: PortalMeDocument }),
      client.query({ query: MyFavoritesDocument, variables: { first: 12 } }),
      client.query({ query: MySavedSearchesDocument }),
    ]);
    expect(results[0].data?.portalMe?.displayName).toBe("Obnovená Relácia");
    expect(results[1].data?.myFavorites.edges).toEqual([]);
    expect(results[2].data?.mySavedSearches).toEqual([]);
    expect(counts.refresh).toBe(1);
    expect(tokens.get()).not.toBe("expired-or-forged");
    expect(tokens.session()?.refreshToken).not.toBe(first.refreshToken);
    // The server saw one rotation and no reuse of a retired token (which would revoke the session).
    const sessions = await sessionsOf(userId);
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s) => s.revokedAt === null)).toBe(true);
    expect(sessions[0]!.rotatedAt).not.toBeNull();
  });

  it("renews an expired access token before sending it, once for concurrent requests", async () => {
    const { tokens, userId } = await signedInUser("Lucia Kupujúca");
    const [session] = await sessionsOf(userId);
    // A genuinely expired token of the same session, and the store knowing it has expired.
    const expired = await stack.token({ sub: userId, aud: "portal", sid: session!.familyId }, -120);
    expect((await stack.query("{ portalMe { id } }", {}, expired)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    tokens.set({ ...tokens.session()!, accessToken: expired, expiresAt: new Date(Date.now() - 60_000).toISOString() });
    const { fetch: counted, counts } = countingFetch();
    const html = await render("/", "", tokens, counted);
    expect(html).toContain("<summary>Lucia Kupujúca</summary>");
    expect(counts.refresh).toBe(1);
    // Renewed before sending: the expired token never left the client.
    expect(counts.bearers.length).toBeGreaterThan(0);
    expect(counts.bearers).not.toContain(expired);
    expect(new Set(counts.bearers)).toEqual(new Set([tokens.get()]));
    expect(new Date(tokens.session()!.expiresAt).getTime()).toBeGreaterThan(Date.now() + 60_000);
    const sessions = await sessionsOf(userId);
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s) => s.revokedAt === null)).toBe(true);
  });

  it("signs out when the session cannot be renewed, and still shows the public listings", async () => {
    const tokens = createTokenStore({
      initial: { accessToken: "expired-or-forged", refreshToken: "not-a-refresh-token", expiresAt: new Date(Date.now() + 600_000).toISOString() },
    });
    const html = await render("/", "", tokens);
    expect(tokens.get()).toBeNull();
    expect(html).toContain("Slnečný 3-izbový byt s balkónom");
    expect(html).toMatch(/>Prihlásiť sa<\/a>/);
  });
});

describe("favorites", () => {
  it("saves a listing from the app's client: starred on the detail and the search, listed on the favorites page; unsaving removes it", async () => {
    const { tokens, client, userId } = await signedInUser();
    const before = await render(`/inzerat/${flatId}`, "", tokens);
    expect(before).toMatch(/<button type="button" class="favorite" aria-pressed="false"[^>]*>☆ Uložiť<\/button>/);
    expect(await render("/oblubene", "", tokens)).toContain("Zatiaľ nemáte uložený žiadny inzerát.");

    await saveFavorite(client, flatId);
    expect(await stack.owner.prisma.favorite.count({ where: { portalUserId: userId } })).toBe(1);
    const detail = await render(`/inzerat/${flatId}`, "", tokens);
    expect(detail).toMatch(/<button type="button" class="favorite saved" aria-pressed="true"[^>]*>★ Uložené<\/button>/);
    const search = await render("/", "", tokens);
    expect(search.match(/aria-pressed="true"/g)).toHaveLength(1);
    expect(search.match(/aria-pressed="false"/g)).toHaveLength(1);
    const favorites = await render("/oblubene", "", tokens);
    expect(favorites).toContain("<h1>Obľúbené inzeráty</h1>");
    expect(favorites).toContain("Slnečný 3-izbový byt s balkónom");
    expect(favorites).toContain("1 inzerát");
    expect(favorites).not.toContain("Rodinný dom pri lese");

    // Another user's favorites are their own.
    const other = await signedInUser();
    expect(await render("/oblubene", "", other.tokens)).not.toContain("Slnečný 3-izbový byt");

    await unsaveFavorite(client, flatId);
    expect(await render("/oblubene", "", tokens)).toContain("Zatiaľ nemáte uložený žiadny inzerát.");
  });

  it("updates the cached listing's flag and drops the cached favorites list after a toggle", async () => {
    const { client } = await signedInUser();
    // Both reads come from the cache when nothing was dropped (the default fetch policy).
    const flag = async () => (await client.query({ query: ListingDetailDocument, variables: { id: houseId } })).data?.listing?.savedByMe;
    const list = async () => (await client.query({ query: MyFavoritesDocument, variables: { first: 12 } })).data?.myFavorites.edges.map((e) => e.node.id);
    expect([await flag(), await list()]).toEqual([false, []]);
    await saveFavorite(client, houseId);
    expect([await flag(), await list()]).toEqual([true, [houseId]]);
    await unsaveFavorite(client, houseId);
    expect([await flag(), await list()]).toEqual([false, []]);
  });
});

describe("saved searches", () => {
  it("offers 'Uložiť hľadanie' to a signed-in user, saves the search on screen, lists it with a link back, and deletes it", async () => {
    const { tokens, client, userId } = await signedInUser();
    expect(await render("/", "mesto=Košice", tokens)).toContain("Uložiť hľadanie");
    const search = searchFromParams(new URLSearchParams("mesto=Košice&ponuka=predaj&do=200000"));
    await saveSearch(client, { name: "Byty v Košiciach", search, notify: true });
    const [stored] = await stack.owner.prisma.savedSearch.findMany({ where: { portalUserId: userId } });
    expect(stored?.filter).toMatchObject({ city: "Košice", transactionType: "SALE", maxPrice: "200000" });

    const list = await render("/ulozene-hladania", "", tokens);
    expect(list).toContain("<h1>Uložené hľadania</h1>");
    expect(list).toContain(`<a href="/?mesto=Ko%C5%A1ice&ponuka=predaj&do=200000">Byty v Košiciach</a>`);
    expect(list).toContain("Upozornenia zapnuté");

    await deleteSavedSearch(client, stored!.id);
    expect(await stack.owner.prisma.savedSearch.count({ where: { portalUserId: userId } })).toBe(0);
    expect(await render("/ulozene-hladania", "", tokens)).toContain("Nemáte uložené žiadne hľadanie.");
  });
});

describe("inquiries", () => {
  it("sends an inquiry that reaches the realtor, and shows it with the realtor's answer under 'Moje dopyty'", async () => {
    const { tokens, client, userId, email } = await signedInUser("Ján Záujemca");
    const form = await render(`/inzerat/${flatId}`, "", tokens);
    expect(form).toContain("Opýtajte sa realitného makléra");
    expect(form).toContain("<textarea");
    await sendInquiry(client, { listingId: flatId, message: "Dobrý deň, aká je výška poplatkov?", phone: "+421 900 123 456" });

    const [stored] = await stack.owner.prisma.inquiry.findMany({ where: { listingId: flatId, portalUserId: userId } });
    expect(stored).toMatchObject({ message: "Dobrý deň, aká je výška poplatkov?", phone: "+421 900 123 456", email, name: "Ján Záujemca", status: "NEW" });
    const received = await stack.query(`{ receivedInquiries(listingId: "${flatId}", first: 10) { edges { node { id message } } } }`, {}, realtor.token);
    expect(received.data.receivedInquiries.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(stored!.id);

    const waiting = await render("/moje-dopyty", "", tokens);
    expect(waiting).toContain("Dobrý deň, aká je výška poplatkov?");
    expect(waiting).toContain("Slnečný 3-izbový byt s balkónom");
    expect(waiting).toContain("Zatiaľ bez odpovede.");

    const answer = await stack.query(
      `mutation($id: ID!) { respondToInquiry(inquiryId: $id, body: "Poplatky sú 180 € mesačne.") { id } }`,
      { id: stored!.id },
      realtor.token,
    );
    expect(answer.errors).toBeUndefined();
    const answered = await render("/moje-dopyty", "", tokens);
    expect(answered).toContain("Poplatky sú 180 € mesačne.");
    expect(answered).toContain("Mária Kováčová");
    expect(answered).toContain("Zodpovedaný");
    expect(answered).not.toContain("Zatiaľ bez odpovede.");
  });

  it("turns the server's refusals into Slovak messages by their code (BAD_USER_INPUT, RATE_LIMITED)", async () => {
    const { client, userId } = await signedInUser();
    const refusal = async (message: string) => {
      try {
        await sendInquiry(client, { listingId: houseId, message });
      } catch (error) {
        return errorCode(error);
      }
      return null;
    };
    expect(await refusal("Krátka")).toBe("BAD_USER_INPUT");
    expect(describeRefusal(sk, { code: "BAD_USER_INPUT" }, sk.inquiries.refused)).toContain("10 až 5 000 znakov");
    for (let i = 1; i <= 5; i++) expect(await refusal(`Otázka číslo ${i} k domu pri lese`)).toBeNull();
    expect(await refusal("Šiesta otázka v tej istej hodine")).toBe("RATE_LIMITED");
    expect(describeRefusal(sk, { code: "RATE_LIMITED" }, sk.inquiries.refused)).toBe(
      "Poslali ste priveľa dopytov za poslednú hodinu. Skúste to, prosím, neskôr.",
    );
    expect(await stack.owner.prisma.inquiry.count({ where: { portalUserId: userId } })).toBe(5);
  });
});
