// Shared with the kit's SMTP channel: see @ppt/server-kit/mail/delivery-outcome.
export { outcomeOfHttpStatus, type DeliveryOutcome } from "@ppt/server-kit/mail/delivery-outcome";
