// The management app's screens in English and in Slovak, rendered on the server against the real
// gateway, subgraphs and PostgreSQL: the chosen language changes every text on a main screen (and
// no Slovak is left on it), entrances are named once, and a real server refusal reads in the
// reader's language.
import { renderToString } from "react-dom/server";
import { ApolloProvider } from "@apollo/client/react";
import { prerenderStatic } from "@apollo/client/react/ssr";
import { Router } from "wouter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createAccount, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { App } from "./App.tsx";
import { createManagementClient } from "./apollo.ts";
import { describeRefusal } from "@ppt/client-shared";
import { I18nProvider } from "./i18n/I18nContext.tsx";
import type { Locale } from "@ppt/client-shared";
import { dictionaries } from "./i18n/messages.ts";
import { signIn } from "./session/auth.ts";
import { createTokenStore, type TokenStore } from "./session/session.ts";
import { SessionProvider } from "./session/SessionContext.tsx";

let stack: Stack;
let managerToken: string;
let buildingId: string;
let account: { email: string };
const PASSWORD = "bezpečné-heslo-2024";

async function render(
  locale: Locale,
  path: string,
  tokens: TokenStore = createTokenStore({ initial: { accessToken: managerToken, refreshToken: null, expiresAt: null } }),
) {
  const client = createManagementClient({ uri: stack.gateway.url, tokens, ssrMode: true });
  const tree = (
    <I18nProvider initial={locale}>
      <ApolloProvider client={client}>
        <SessionProvider tokens={tokens}>
          <Router ssrPath={path}>
            <App />
          </Router>
        </SessionProvider>
      </ApolloProvider>
    </I18nProvider>
  );
  const { result } = await prerenderStatic({ tree, renderFunction: renderToString });
  return result.replace(/<!-- -->/g, "").replace(/&amp;/g, "&");
}

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const org = await createOrganization(db, "Bytové družstvo Juh");
  const building = await createBuilding(db, org.id, "Košice", "Hlavná", "7");
  buildingId = building.id;
  await createBuilding(db, org.id, "Prešov", "Mierová", "5");
  // Designated as the demo data writes it: the word and the number.
  const entrance = await db.entrance.create({ data: { organizationId: org.id, buildingId: building.id, designation: "Vchod 1" } });
  const unit = await createUnit(db, org.id, building.id, "12", 2);
  await db.unit.update({ where: { id: unit.id }, data: { entranceId: entrance.id } });
  const manager = await createUser(db, "Jana", "Nová");
  await addMember(db, org.id, manager.id);
  managerToken = await stack.tokenFor(manager.id, org.id, ["manager"]);
  account = await createAccount(db, { password: PASSWORD, organizationId: org.id, roles: ["manager"] });
});

afterAll(async () => {
  await stack?.stop();
});

describe("the chosen language", () => {
  it("renders the building list in English: navigation, counts, the switcher with English current", async () => {
    const html = await render("en", "/budovy");
    expect(html).toContain("<h1>Buildings</h1>");
    expect(html).toContain("2 buildings");
    expect(html).toContain(">Faults</a>");
    expect(html).toContain(">Sign out</button>");
    expect(html).toMatch(/lang="en" aria-current="true">English</);
    expect(html).toMatch(/lang="sk">Slovenčina</);
    // No Slovak text is left (the paths stay Slovak: they are addresses, not words on screen).
    const text = html.replace(/href="[^"]*"/g, "");
    for (const slovak of ["Budovy", "budovy", "Poruchy", "Odhlásiť", "Rok výstavby", "Hľadať"]) expect(text).not.toContain(slovak);
  });

  it("renders the same screen in Slovak", async () => {
    const html = await render("sk", "/budovy");
    expect(html).toContain("<h1>Budovy</h1>");
    expect(html).toContain("2 budovy");
    expect(html).toMatch(/lang="sk" aria-current="true">Slovenčina</);
  });

  it("names a building's entrance once and its unit types in the language", async () => {
    const en = await render("en", `/budovy/${buildingId}`);
    expect(en).toContain("<strong>Entrance 1</strong>");
    expect(en).toMatch(/<td>12<\/td><td>Flat<\/td><td>1<\/td>/);
    expect(en).not.toContain("Vchod");
    const sk = await render("sk", `/budovy/${buildingId}`);
    expect(sk).toContain("<strong>Vchod 1</strong>");
    expect(sk).not.toContain("Vchod Vchod");
    expect(sk).toMatch(/<td>12<\/td><td>Byt<\/td><td>1<\/td>/);
  });

  it("renders the sign-in screen in English when signed out", async () => {
    const html = await render("en", "/", createTokenStore());
    expect(html).toContain("<h2>Sign in</h2>");
    expect(html).toContain("Password");
  });
});

describe("server refusals", () => {
  it("words the server's UNAUTHENTICATED for a wrong password in each language", async () => {
    const tokens = createTokenStore();
    const client = createManagementClient({ uri: stack.gateway.url, tokens });
    const refused = await signIn(client, tokens, account.email, "zlé-heslo-12345");
    expect(refused).toMatchObject({ kind: "refused", code: "UNAUTHENTICATED" });
    if (refused.kind !== "refused") throw new Error("signed in with a wrong password");
    expect(describeRefusal(dictionaries.en, refused, dictionaries.en.session.refused)).toBe("Wrong e-mail or password.");
    expect(describeRefusal(dictionaries.sk, refused, dictionaries.sk.session.refused)).toBe("Nesprávny e-mail alebo heslo.");
  });

  it("says an account locked after failed sign-ins is locked, and for how long, from the server's reason", async () => {
    const tokens = createTokenStore();
    const client = createManagementClient({ uri: stack.gateway.url, tokens });
    let last = await signIn(client, tokens, account.email, "zlé-heslo-00000");
    for (let attempt = 0; attempt < 8 && !(last.kind === "refused" && last.code === "RATE_LIMITED"); attempt++) {
      last = await signIn(client, tokens, account.email, "zlé-heslo-00000");
    }
    expect(last).toMatchObject({ kind: "refused", code: "RATE_LIMITED", reason: "LOGIN_LOCKED" });
    if (last.kind !== "refused") throw new Error("not refused");
    expect(last.retryAfter).toBeGreaterThan(0);
    expect(describeRefusal(dictionaries.en, last, dictionaries.en.session.refused)).toMatch(
      /^The account is locked for a while after several wrong attempts\. Try again in \d+ seconds?\.$/,
    );
    expect(describeRefusal(dictionaries.sk, last, dictionaries.sk.session.refused)).toMatch(
      /^Účet je po viacerých nesprávnych pokusoch dočasne zamknutý\. Skúste to znova o \d+ sek/,
    );
  });
});
