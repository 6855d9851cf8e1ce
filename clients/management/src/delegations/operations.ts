// Powers of attorney (plná moc): the documents of the delegations screen.
import { graphql } from "../generated/gql.ts";

export const DelegationRowFields = graphql(`
  fragment DelegationRow on Delegation {
    id
    fromUser {
      id
      firstName
      lastName
    }
    toUser {
      id
      firstName
      lastName
    }
    unit {
      id
      designation
    }
    scope
    validFrom
    validTo
    revokedAt
    active
    note
  }
`);

export const MyDelegations = graphql(`
  query MyDelegations($direction: DelegationDirection!, $after: String) {
    myDelegations(direction: $direction, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...DelegationRow
        }
      }
    }
  }
`);

/**
 * Whom the caller may choose as attorney. The graph lists members only to staff (users:read); an
 * owner chooses among the people of their conversations.
 */
export const AttorneyCandidates = graphql(`
  query AttorneyCandidates($withMembers: Boolean!) {
    members(first: 100) @include(if: $withMembers) {
      edges {
        node {
          id
          user {
            id
            firstName
            lastName
          }
        }
      }
    }
    conversations(first: 50) {
      edges {
        node {
          id
          participants {
            userId
            user {
              id
              firstName
              lastName
            }
          }
        }
      }
    }
  }
`);

/** The caller's units with their ownerships (residents see only their own), for "which unit". */
export const DelegableUnits = graphql(`
  query DelegableUnits {
    buildings(first: 50) {
      edges {
        node {
          id
          street
          streetNumber
          city
          units {
            id
            designation
            ownerships {
              id
              owner {
                id
              }
              validTo
            }
          }
        }
      }
    }
  }
`);

export const DelegateRights = graphql(`
  mutation DelegateRights($input: DelegateRightsInput!) {
    delegateRights(input: $input) {
      ...DelegationRow
    }
  }
`);

export const RevokeDelegation = graphql(`
  mutation RevokeDelegation($id: ID!) {
    revokeDelegation(id: $id) {
      id
      revokedAt
      active
    }
  }
`);
