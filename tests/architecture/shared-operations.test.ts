// No GraphQL operation is written twice between the apps (management, portal, mobile) and the
// shared package: first the checker on planted sources, then the real tree.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clientSources, definitionsByApp, duplicates } from "./shared-operations.ts";

const root = join(import.meta.dirname, "..", "..");

describe("the checker", () => {
  const shared = `export const A = graphql(\`
    fragment SharedAuthResult on AuthPayload { accessToken refreshToken }
  \`);
  export const SignIn = graphql(\`
    mutation SignIn($input: LoginInput!) { login(input: $input) { ...SharedAuthResult } }
  \`);`;

  it("finds one operation written under two names, fragments inlined and fields reordered", () => {
    const app = `const F = graphql(\`fragment AuthResult on AuthPayload { refreshToken accessToken __typename }\`);
      const Login = graphql(\`mutation Login($credentials: LoginInput!) { login(input: $credentials) { ...AuthResult } }\`);`;
    const groups = duplicates(definitionsByApp({ shared: [{ path: "shared.ts", text: shared }], management: [{ path: "auth.ts", text: app }] }));
    expect(groups.map((g) => g.map((d) => `${d.app}:${d.name}`).sort())).toEqual([
      ["management:AuthResult", "shared:SharedAuthResult"],
      ["management:Login", "shared:SignIn"],
    ]);
  });

  it("lets different questions be", () => {
    const app = `const Logout = graphql(\`mutation Logout($t: String) { logout(refreshToken: $t) }\`);
      const Me = gql\`query Me { me { id } }\`;`;
    expect(duplicates(definitionsByApp({ shared: [{ path: "shared.ts", text: shared }], mobile: [{ path: "me.ts", text: app }] }))).toEqual([]);
  });
});

describe("the apps", () => {
  it("write no operation or fragment twice (what more than one app sends lives in @ppt/client-shared/operations)", () => {
    const definitions = definitionsByApp(clientSources(root));
    expect(definitions.length).toBeGreaterThan(50);
    const found = duplicates(definitions).map((group) => group.map((d) => `${d.app} ${d.name} (${d.path})`).join(" = "));
    expect(found).toEqual([]);
  });
});
