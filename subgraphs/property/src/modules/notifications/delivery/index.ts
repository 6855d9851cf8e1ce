// The delivery side of notifications: what leaves the system (mail now), once per event.
export { ACCOUNT_MAIL_CONSUMER, accountMailConsumers, accountMailPaths } from "./account-mail.ts";
