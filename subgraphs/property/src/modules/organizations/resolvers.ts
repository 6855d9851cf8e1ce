import type { Resolvers } from "../../generated/graphql.ts";
import { unitById } from "../buildings/index.ts";
import { memberById } from "./members.ts";
import { auditLog } from "./audit-log.ts";
import * as delegations from "./delegations.ts";
import * as membership from "./membership.ts";
import * as organizations from "./service.ts";

export const organizationResolvers: Resolvers = {
  Query: {
    currentOrganization: (_, __, ctx) => organizations.currentOrganization(ctx),
    roles: (_, __, ctx) => organizations.listRoles(ctx),
    members: (_, { first, after }, ctx) => membership.listMembers(ctx, first, after),
    myDelegations: (_, { direction, first, after }, ctx) => delegations.myDelegations(ctx, direction, first, after),
    auditLog: (_, { filter, first, after }, ctx) => auditLog(ctx, filter, first, after),
    invitations: (_, { first, after }, ctx) => membership.listInvitations(ctx, first, after),
    invitationByToken: (_, { token }, ctx) => membership.invitationByToken(ctx, token),
  },
  Mutation: {
    createOrganization: (_, { input }, ctx) => organizations.createOrganization(ctx, input),
    updateOrganization: (_, { input }, ctx) => organizations.updateOrganization(ctx, input),
    inviteMember: (_, { email, role }, ctx) => membership.inviteMember(ctx, email, role),
    revokeInvitation: (_, { id }, ctx) => membership.revokeInvitation(ctx, id),
    acceptInvitation: (_, { input }, ctx) => membership.acceptInvitation(ctx, input),
    removeMember: (_, { userId }, ctx) => membership.removeMember(ctx, userId),
    assignRole: (_, { userId, role }, ctx) => membership.assignRole(ctx, userId, role),
    revokeRole: (_, { userId, role }, ctx) => membership.revokeRole(ctx, userId, role),
    delegateRights: (_, { input }, ctx) => delegations.delegateRights(ctx, input),
    revokeDelegation: (_, { id }, ctx) => delegations.revokeDelegation(ctx, id),
  },
  Organization: {
    __resolveReference: ({ id }, ctx) => organizations.resolveOrganizationReference(ctx, id),
    contactEmail: (org) => org.contactEmail,
  },
  OrganizationMember: {
    user: (member) => ({ id: member.userId, firstName: member.firstName, lastName: member.lastName, membershipActive: member.status === "ACTIVE" }),
    roles: (member, _, ctx) => membership.rolesOfMember(ctx, member),
  },
  Invitation: {
    invitedBy: (invitation, _, ctx) => (invitation.invitedById ? memberById(ctx, invitation.invitedById) : null),
  },
  Delegation: {
    // Both people were members when the delegation was made; memberships are kept when people leave.
    fromUser: async (d, _, ctx) => (await memberById(ctx, d.fromUserId))!,
    toUser: async (d, _, ctx) => (await memberById(ctx, d.toUserId))!,
    unit: (d, _, ctx) => (d.unitId ? unitById(ctx, d.unitId) : null),
    active: (d) => delegations.isDelegationActive(d),
  },
  AuditEntry: {
    actor: (entry, _, ctx) => (entry.actorUserId ? memberById(ctx, entry.actorUserId) : null),
  },
};
