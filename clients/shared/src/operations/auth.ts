// Sign-in and session renewal: the documents every app signs in with.
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
