import type { Resolvers } from "../../generated/graphql.ts";

export const realtorResolvers: Resolvers = {
  Realtor: {
    __resolveReference: ({ id }, ctx) => ctx.loaders.realtor.load(id),
  },
};
