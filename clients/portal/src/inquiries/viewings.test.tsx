// Viewing requests through the app's own functions and screens, against a real stack: the form on
// a listing (a sign-in link for visitors), the form's own checks, the server's refusals worded by
// code, the request in the realtor's console inbox, and its state under "Moje dopyty".
import { renderToString } from "react-dom/server";
import { ApolloProvider } from "@apollo/client/react";
import { prerenderStatic } from "@apollo/client/react/ssr";
import { Router } from "wouter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attempt, describeRefusal, type Refusal } from "@ppt/client-shared";
import { createAgency, createPortalUser, createRealtorAccount, joinAgency } from "@ppt/testing/fixtures";
import { insertListing, portalToken } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";
import { createTokenStore, type TokenStore } from "../account/tokens.ts";
import { SessionProvider } from "../account/SessionContext.tsx";
import { App } from "../App.tsx";
import { createPortalClient } from "../apollo.ts";
import { ConfirmViewing } from "../console/operations.ts";
import { sk } from "../i18n/sk.ts";
import { cancelViewing, proposedTimes, requestViewing } from "./viewings.ts";

let stack: Stack;
let listingId: string;
let realtorTokens: TokenStore;
const TITLE = "Tehlový 2-izbový byt na Moyzesovej";

const clientFor = (tokens: TokenStore, ssrMode = false) => createPortalClient({ uri: stack.gateway.url, tokens, ssrMode });

async function tokensOf(portalUserId: string): Promise<TokenStore> {
  const accessToken = await portalToken(stack, portalUserId);
  return createTokenStore({ initial: { accessToken, refreshToken: "unused", expiresAt: new Date(Date.now() + 600_000).toISOString() } });
}

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
  return result.replace(/<!-- -->/g, "").replace(/&quot;/g, '"');
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const refusalText = (outcome: Refusal, wording = sk.viewings.refused) => describeRefusal(sk, outcome, wording);

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const agency = await createAgency(db, "Reality Pri Parku");
  const realtor = await createRealtorAccount(db, "Tomáš Maklér");
  await joinAgency(db, agency.id, realtor.realtorId);
  realtorTokens = await tokensOf(realtor.userId);
  listingId = (await insertListing(db, { agencyId: agency.id, realtorId: realtor.realtorId, title: TITLE, city: "Košice", price: "165000" })).id;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("viewing requests", () => {
  it("offers a visitor a sign-in link back to the listing, and a signed-in visitor the form", async () => {
    const anonymous = await render(`/inzerat/${listingId}`);
    expect(anonymous).toContain("Ak si chcete dohodnúť obhliadku, prihláste sa.");
    expect(anonymous).toContain(`href="/prihlasenie?spat=%2Finzerat%2F${listingId}"`);
    expect(anonymous).not.toContain('type="datetime-local"');
    const user = await createPortalUser(stack.owner.prisma, "Lucia Záujemkyňa");
    const signedIn = await render(`/inzerat/${listingId}`, await tokensOf(user.id));
    expect(signedIn).toContain("Dohodnite si obhliadku");
    expect(signedIn.match(/type="datetime-local"/g)).toHaveLength(3);
    expect(signedIn).toContain(">Požiadať o obhliadku</button>");
  });

  it("checks the proposed times before sending: at least one, all in the future", () => {
    const now = Date.parse("2026-12-04T12:00:00Z");
    expect(proposedTimes(["", "", ""], now)).toBe("none");
    expect(proposedTimes(["2026-12-05T10:00", "2026-12-01T10:00", ""], now)).toBe("past");
    expect(proposedTimes(["", "2026-12-06T17:30", ""], now)).toEqual([new Date("2026-12-06T17:30")]);
  });

  it("sends a request the realtor sees in the console; a second one is refused while it waits; the visitor follows its state", async () => {
    const user = await createPortalUser(stack.owner.prisma, "Lucia Záujemkyňa");
    const tokens = await tokensOf(user.id);
    const client = clientFor(tokens);
    const times = [inDays(3), inDays(4)];
    expect(await attempt(() => requestViewing(client, { listingId, proposedTimes: times, message: "Hodí sa mi aj podvečer." }))).toEqual({ ok: true });

    const again = await attempt(() => requestViewing(client, { listingId, proposedTimes: [inDays(5)], message: "" }));
    expect(again).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(refusalText(again as Refusal)).toBe("O obhliadku tohto bytu ste už požiadali a žiadosť čaká na odpoveď.");
    const past = await attempt(() => requestViewing(client, { listingId: listingId, proposedTimes: [inDays(-1)], message: "" }));
    expect(refusalText(past as Refusal)).toBe(sk.viewings.refused.BAD_USER_INPUT);

    const mine = await render("/moje-dopyty", tokens);
    expect(mine).toContain("Moje obhliadky");
    expect(mine).toContain(TITLE);
    expect(mine).toContain("Čaká na odpoveď");
    expect(mine).toContain(">Zrušiť žiadosť</button>");

    const inbox = await render("/konzola/dopyty", realtorTokens);
    expect(inbox).toContain(TITLE);
    expect(inbox).toContain("Hodí sa mi aj podvečer.");
    // Whom to contact: the requester's account.
    expect(inbox).toContain(`Lucia Záujemkyňa &lt;${user.email}&gt;`);

    const viewing = await stack.owner.prisma.viewing.findFirstOrThrow({ where: { portalUserId: user.id } });
    await clientFor(realtorTokens).mutate({ mutation: ConfirmViewing, variables: { viewingId: viewing.id, time: times[1]!.toISOString() } });
    const confirmed = await render("/moje-dopyty", tokens);
    expect(confirmed).toContain("Potvrdená");
    expect(confirmed).toContain("Potvrdený termín");
    expect(confirmed).not.toContain(">Zrušiť žiadosť</button>");
    const late = await attempt(() => cancelViewing(client, viewing.id));
    expect(refusalText(late as Refusal, sk.viewings.cancelRefused)).toBe("Maklér už o žiadosti rozhodol.");
  });
});
