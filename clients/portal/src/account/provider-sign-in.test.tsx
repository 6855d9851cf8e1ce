// Signing in with a provider and linking one, through the app's own functions and screens against
// a real stack and a local OpenID provider: the buttons the deployment's providers give, the
// provider's round trip (authorization → login → consent → the portal's callback address), the
// state this tab keeps, the session landing in the token store, the link shown on the account page.
import { randomUUID } from "node:crypto";
import { renderToString } from "react-dom/server";
import { ApolloProvider } from "@apollo/client/react";
import { prerenderStatic } from "@apollo/client/react/ssr";
import { Router } from "wouter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeRefusal } from "@ppt/client-shared";
import { createPortalUser } from "@ppt/testing/fixtures";
import { followToRedirect, startOidcPeer, type OidcPeer } from "@ppt/testing/oidc";
import { portalToken } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";
import { App } from "../App.tsx";
import { createPortalClient } from "../apollo.ts";
import { sk } from "../i18n/sk.ts";
import { completeProviderSignIn, orderedProviders, providerCallbackUri, PROVIDER_REFUSED, STATE_MISMATCH, startProviderSignIn } from "./providers.ts";
import { SessionProvider } from "./SessionContext.tsx";
import { createTokenStore, type TokenStore } from "./tokens.ts";

const ORIGIN = "http://portal.test";
const CALLBACK = providerCallbackUri(ORIGIN, "sk");
let peer: OidcPeer;
let stack: Stack;

/** One browser tab's sessionStorage. */
function tabStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

const clientFor = (tokens: TokenStore, ssrMode = false) => createPortalClient({ uri: stack.gateway.url, tokens, ssrMode });

async function render(path: string, tokens: TokenStore = createTokenStore()) {
  const tree = (
    <ApolloProvider client={clientFor(tokens, true)}>
      <SessionProvider tokens={tokens}>
        <Router ssrPath={path}>
          <App />
        </Router>
      </SessionProvider>
    </ApolloProvider>
  );
  const { result } = await prerenderStatic({ tree, renderFunction: renderToString });
  return result.replace(/<!-- -->/g, "");
}

/** A person the provider knows, signed in at the provider next. */
function providerPerson(person: { email: string; name: string }) {
  const subject = `subject-${randomUUID()}`;
  peer.people.set(subject, { ...person, email_verified: true });
  peer.signInAs(subject);
  return subject;
}

/** The tab starts a sign-in (or link); the provider's round trip; the callback address's query string. */
async function roundTrip(tokens: TokenStore, storage: Storage, purpose: "signIn" | "link", returnTo: string) {
  const started = await startProviderSignIn(clientFor(tokens), storage, { provider: "test", purpose, returnTo, callbackUri: CALLBACK });
  expect(started.ok, JSON.stringify(started)).toBe(true);
  return (await followToRedirect(started.authorizationUrl!, CALLBACK)).search;
}

beforeAll(async () => {
  peer = await startOidcPeer({ redirectUris: [CALLBACK, providerCallbackUri(ORIGIN, "en")], loginPage: false });
  stack = await startStack({ env: peer.env });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await peer?.stop();
});

describe("provider sign-in", () => {
  it("shows a button per provider the deployment offers on the sign-in and registration pages", async () => {
    for (const path of ["/prihlasenie", "/registracia"]) expect(await render(path)).toContain(">Pokračovať cez Test</button>");
    expect(orderedProviders(["test", "facebook", "google", "apple"])).toEqual(["google", "apple", "facebook", "test"]);
  });

  it("signs in through the provider: the session lands in the token store and the visitor goes back where they were", async () => {
    const tokens = createTokenStore();
    const storage = tabStorage();
    const email = `${randomUUID()}@gmail.example`;
    providerPerson({ email, name: "Oľga Prihlásená" });
    const search = await roundTrip(tokens, storage, "signIn", "/oblubene");
    const done = await completeProviderSignIn(clientFor(tokens), tokens, storage, search);
    expect(done).toEqual({ ok: true, purpose: "signIn", returnTo: "/oblubene" });
    expect(tokens.session()?.refreshToken).toBeTruthy();
    expect(await render("/", tokens)).toContain("<summary>Oľga Prihlásená</summary>");
    // The state is used: the same redirect again (a reload, a back button) does nothing.
    expect(await completeProviderSignIn(clientFor(tokens), tokens, storage, search)).toMatchObject({ ok: false, code: STATE_MISMATCH });
  });

  it("never completes a redirect this tab did not start, and words each refusal by its code", async () => {
    providerPerson({ email: `${randomUUID()}@gmail.example`, name: "Cudzí" });
    const attacker = createTokenStore();
    const search = await roundTrip(attacker, tabStorage(), "signIn", "/");
    // Another tab (the victim's, given the attacker's link) has no such state: no call, no session.
    const victim = createTokenStore();
    const before = stack.queryCount();
    const refused = await completeProviderSignIn(clientFor(victim), victim, tabStorage(), search);
    expect(refused).toMatchObject({ ok: false, code: STATE_MISMATCH });
    expect(stack.queryCount()).toBe(before);
    expect(victim.get()).toBeNull();
    expect(describeRefusal(sk, refused as { code: string }, sk.account.providerRefused)).toBe(sk.account.providerRefused.STATE_MISMATCH);

    // The person cancelled at the provider.
    const storage = tabStorage();
    const started = await startProviderSignIn(clientFor(victim), storage, { provider: "test", purpose: "signIn", returnTo: "/", callbackUri: CALLBACK });
    const state = new URL(started.authorizationUrl!).searchParams.get("state")!;
    const cancelled = await completeProviderSignIn(clientFor(victim), victim, storage, `?error=access_denied&state=${state}`);
    expect(cancelled).toMatchObject({ ok: false, code: PROVIDER_REFUSED });

    // The server's refusal: an unproven provider address of an existing account (CONFLICT).
    const owner = await createPortalUser(stack.owner.prisma, "Majiteľ Adresy");
    const subject = `subject-${randomUUID()}`;
    peer.people.set(subject, { email: owner.email, email_verified: false });
    peer.signInAs(subject);
    const tab = tabStorage();
    const conflict = await completeProviderSignIn(clientFor(victim), victim, tab, await roundTrip(victim, tab, "signIn", "/"));
    expect(conflict).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(describeRefusal(sk, conflict as { code: string }, sk.account.providerRefused)).toContain("Prihláste sa doň heslom");
  });

  it("links a provider to the signed-in account on the account page; the provider then signs in to that account", async () => {
    const user = await createPortalUser(stack.owner.prisma, "Peter Prepojený");
    const tokens = createTokenStore({
      initial: { accessToken: await portalToken(stack, user.id), refreshToken: "unused", expiresAt: new Date(Date.now() + 600_000).toISOString() },
    });
    const page = await render("/ucet", tokens);
    expect(page).toContain("Účet zatiaľ nie je prepojený so žiadnou službou.");
    expect(page).toContain(">Prepojiť Test</button>");

    const subject = providerPerson({ email: `${randomUUID()}@privaterelay.example`, name: "Relé" });
    const storage = tabStorage();
    const linked = await completeProviderSignIn(clientFor(tokens), tokens, storage, await roundTrip(tokens, storage, "link", "/ucet"));
    expect(linked).toEqual({ ok: true, purpose: "link", returnTo: "/ucet" });
    const after = await render("/ucet", tokens);
    expect(after).toContain("Test je prepojený.");
    expect(after).not.toContain(">Prepojiť Test</button>");

    const fresh = createTokenStore();
    peer.signInAs(subject);
    const tab = tabStorage();
    expect(await completeProviderSignIn(clientFor(fresh), fresh, tab, await roundTrip(fresh, tab, "signIn", "/"))).toMatchObject({ ok: true });
    expect(await render("/", fresh)).toContain("<summary>Peter Prepojený</summary>");
  });
});
