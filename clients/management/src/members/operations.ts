// The members screen's documents, and the actions whose cache work is more than Apollo's
// normalization (a removed member or a revoked invitation leaves the cached list).
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

export const PendingInvitations = graphql(`
  query PendingInvitations {
    invitations(first: 100) {
      totalCount
      edges {
        node {
          id
          email
          role
          expiresAt
        }
      }
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

const RevokeInvitation = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
    }
  }
`);

interface CachedInvitations {
  edges: { node: unknown }[];
  totalCount: number;
}

/** Revokes the invitation (its link stops working) and drops it from the cached pending list. */
export async function revokeInvitation(client: ApolloClient, id: string): Promise<void> {
  await client.mutate({
    mutation: RevokeInvitation,
    variables: { id },
    update(cache) {
      cache.modify<{ invitations: CachedInvitations }>({
        fields: {
          invitations: (existing, { readField }) => {
            const list = existing as CachedInvitations;
            const edges = list.edges.filter((edge) => readField("id", edge.node as never) !== id);
            return { ...list, edges, totalCount: list.totalCount - (list.edges.length - edges.length) };
          },
        },
      });
      cache.evict({ id: cache.identify({ __typename: "Invitation", id }) });
      cache.gc();
    },
  });
}
