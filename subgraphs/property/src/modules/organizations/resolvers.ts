import type { Resolvers } from "../../generated/graphql.ts";
import * as organizations from "./service.ts";

export const organizationResolvers: Resolvers = {
  Query: {
    currentOrganization: (_, __, ctx) => organizations.currentOrganization(ctx),
  },
  Organization: {
    __resolveReference: ({ id }, ctx) => organizations.resolveOrganizationReference(ctx, id),
    contactEmail: (org) => org.contactEmail,
  },
};
