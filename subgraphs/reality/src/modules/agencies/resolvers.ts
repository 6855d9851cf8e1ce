import type { Resolvers } from "../../generated/graphql.ts";

export const agencyResolvers: Resolvers = {
  Agency: {
    __resolveReference: ({ id }, ctx) => ctx.loaders.agency.load(id),
  },
};
