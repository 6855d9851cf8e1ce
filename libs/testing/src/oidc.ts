// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration has no exports to import; packages that import this file need it too
/// <reference path="./oidc-provider.d.ts" />
// A local OpenID provider for tests (oidc-provider, in the test's process, on a free loopback
// port): the portal's sign-in with a provider runs for real against it. Its login screen signs in
// whoever the test names (`signInAs`); a browser sees that screen as a page with one button, a
// plain HTTP client is signed in at once. Consent is given as the person would.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

export { default as Provider } from "oidc-provider";

export interface OidcPerson {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface OidcPeer {
  issuer: string;
  /** What the provider knows about each subject. */
  people: Map<string, OidcPerson>;
  /** The subject the login screen signs in next. */
  signInAs(subject: string): void;
  /** The stack's environment for this provider as the deployment's "test" provider. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startOidcPeer(options: {
  clientId?: string;
  clientSecret?: string;
  redirectUris: string[];
  /** Redirect URIs the stack allows that this provider does not (a refusal test). */
  extraAllowedRedirects?: string[];
  /** Show the login as a page with a button (for a browser); otherwise the GET signs in at once. */
  loginPage?: boolean;
}): Promise<OidcPeer> {
  const clientId = options.clientId ?? "ppt-portal";
  const clientSecret = options.clientSecret ?? "portal-client-secret-for-tests";
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const people = new Map<string, OidcPerson>();
  let signInAs = "";
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    // PKCE for every client, confidential ones too (S256 is the only method oidc-provider 9 knows).
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    findAccount: async (_ctx: unknown, sub: string) => (people.has(sub) ? { accountId: sub, claims: async () => ({ sub, ...people.get(sub) }) } : undefined),
    cookies: { keys: ["oidc-test-cookie-key"] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: "oidc-test", alg: "RS256", use: "sig" }] },
  });
  const handle = provider.callback();
  server.on("request", (req, res) => {
    if (!req.url?.startsWith("/interaction/")) return handle(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === "login") {
        if (options.loginPage && req.method === "GET") {
          const who = people.get(signInAs);
          res.setHeader("content-type", "text/html; charset=utf-8");
          res.end(
            `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>Test provider</title><h1>Test provider</h1>` +
              `<form method="post" action="${req.url}"><button>Continue as ${escapeHtml(who?.name ?? signInAs)}</button></form>`,
          );
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: signInAs } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant =
        (details.grantId && (await provider.Grant.find(details.grantId))) ||
        new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id });
      if (details.prompt.details.missingOIDCScope) grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(" "));
      if (details.prompt.details.missingOIDCClaims) grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    })().catch((error: Error) => {
      res.statusCode = 500;
      res.end(error.message);
    });
  });
  return {
    issuer,
    people,
    signInAs: (subject) => void (signInAs = subject),
    env: {
      PORTAL_OIDC_TEST_ISSUER: issuer,
      PORTAL_OIDC_TEST_CLIENT_ID: clientId,
      PORTAL_OIDC_TEST_CLIENT_SECRET: clientSecret,
      PORTAL_OIDC_REDIRECT_URIS: [...options.redirectUris, ...(options.extraAllowedRedirects ?? [])].join(","),
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A browser without a screen, with a cookie jar: follows the provider's redirects (authorization →
 * login → consent → authorization) until the provider sends it to `redirectUri`, and returns that URL.
 */
export async function followToRedirect(authorizationUrl: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 12; hop++) {
    const res = await fetch(url, { redirect: "manual", headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair!.indexOf("=");
      const [name, value] = [pair!.slice(0, at).trim(), pair!.slice(at + 1).trim()];
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    const location = res.headers.get("location");
    if (!location) throw new Error(`the provider stopped at ${url}: ${res.status} ${await res.text()}`);
    const next = new URL(location, url);
    if (next.href.startsWith(redirectUri)) return next;
    url = next.href;
  }
  throw new Error("too many redirects");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
