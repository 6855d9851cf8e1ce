import type { Resolvers } from "../../generated/graphql.ts";
import { memberById } from "./service.ts";

export const memberResolvers: Resolvers = {
  User: {
    __resolveReference: ({ id }, ctx) => memberById(ctx, id),
  },
};
