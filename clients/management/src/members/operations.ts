// The members screen's documents, and the actions whose cache work is more than Apollo's
// normalization (a removed member leaves the cached list).
import type { ApolloClient } from "@apollo/client";
import { graphql } from "../generated/gql.ts";

export const Members = graphql(`
  query Members($after: String) {
    members(first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...MemberRow
        }
      }
    }
    roles {
      key
    }
  }
`);

export const MemberRowFields = graphql(`
  fragment MemberRow on OrganizationMember {
    id
    email
    status
    roles
    joinedAt
    user {
      id
      firstName
      lastName
    }
  }
`);

export const InviteMember = graphql(`
  mutation InviteMember($email: EmailAddress!, $role: String!) {
    inviteMember(email: $email, role: $role) {
      id
      email
      role
      expiresAt
    }
  }
`);

// Both answer the member with their roles now: the cached row updates itself.
export const AssignRole = graphql(`
  mutation AssignRole($userId: ID!, $role: String!) {
    assignRole(userId: $userId, role: $role) {
      id
      roles
    }
  }
`);

export const RevokeRole = graphql(`
  mutation RevokeRole($userId: ID!, $role: String!) {
    revokeRole(userId: $userId, role: $role) {
      id
      roles
    }
  }
`);

const RemoveMember = graphql(`
  mutation RemoveMember($userId: ID!) {
    removeMember(userId: $userId)
  }
`);

interface MemberRef {
  /** The membership's id (the cached row). */
  id: string;
  user: { id: string };
}

interface CachedMembers {
  edges: { node: unknown }[];
  totalCount: number;
}

/** Removes the person from the organization and their row from every cached page of the list. */
export async function removeMember(client: ApolloClient, member: MemberRef): Promise<void> {
  await client.mutate({
    mutation: RemoveMember,
    variables: { userId: member.user.id },
    update(cache, { data }) {
      if (!data?.removeMember) return;
      cache.modify<{ members: CachedMembers }>({
        fields: {
          members: (existing, { readField }) => {
            const list = existing as CachedMembers;
            const edges = list.edges.filter((edge) => readField("id", edge.node as never) !== member.id);
            return { ...list, edges, totalCount: list.totalCount - (list.edges.length - edges.length) };
          },
        },
      });
      cache.evict({ id: cache.identify({ __typename: "OrganizationMember", id: member.id }) });
      cache.gc();
    },
  });
}
