// Sign-in, the two-factor step, session renewal and sign-out: the documents the management and
// mobile apps sign in with (the portal's visitors sign in through the portal's own mutations).
import { graphql } from "../generated/gql.ts";

export const AuthResultFields = graphql(`
  fragment SharedAuthResult on AuthPayload {
    accessToken
    refreshToken
    expiresAt
    mfaRequired
    mfaToken
  }
`);

export const SignIn = graphql(`
  mutation SignIn($input: LoginInput!) {
    login(input: $input) {
      ...SharedAuthResult
    }
  }
`);

export const CompleteMfaLogin = graphql(`
  mutation CompleteMfaLogin($input: CompleteMfaLoginInput!) {
    completeMfaLogin(input: $input) {
      ...SharedAuthResult
    }
  }
`);

export const RenewSession = graphql(`
  mutation RenewSession($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      ...SharedAuthResult
    }
  }
`);

export const SignOut = graphql(`
  mutation SignOut($refreshToken: String) {
    logout(refreshToken: $refreshToken)
  }
`);

/** New tokens acting in another organization the person belongs to (the organization switcher). */
export const SwitchOrganization = graphql(`
  mutation SwitchOrganization($id: ID!) {
    switchOrganization(id: $id) {
      ...SharedAuthResult
    }
  }
`);
