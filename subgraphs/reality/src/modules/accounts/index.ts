// Portal accounts: sign-up, sign-in (password, OpenID Connect), sessions.
export { accountResolvers } from "./resolvers.ts";
export { createPortalAuthRuntime, type PortalAuthRuntime } from "./runtime.ts";
export { portalUserById, portalUsersByIds } from "./service.ts";
export { portalAccountMailConsumers, portalMailPaths } from "./account-mail.ts";
