// The auth module's public surface: accounts, sessions and tokens (it owns identity.users and identity.sessions).
export { recordAccountEvent, type AccountActor, type AccountEvent } from "./account-events.ts";
export { createVerifiedUser, emailOfUser, revokeSessionsIn, type MembershipDirectory, type NewAccount } from "./account-services.ts";
export { jwksRoutes } from "./jwks.ts";
export { authResolvers } from "./resolvers.ts";
export { createAuthRuntime, type AuthRuntime } from "./runtime.ts";
export { checkSession, standingCallers } from "./session-check.ts";
export { contactsOfUsers, languageOfAddress, mailRecipientOfUser, type MailRecipient, type UserContact } from "./mail-recipients.ts";
