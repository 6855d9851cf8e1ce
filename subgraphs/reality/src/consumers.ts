// The reality package's broker consumers, one factory for app.ts (in-process broker) and the
// worker (RabbitMQ): each module contributes its own.
import type { ConsumerFactory } from "@ppt/server-kit";
import { portalAccountMailConsumers } from "./modules/accounts/index.ts";
import { agencyMailConsumers } from "./modules/agencies/index.ts";
import { savedSearchAlertConsumers } from "./modules/favorites/index.ts";
import { inquiryMailConsumers } from "./modules/inquiries/index.ts";
import { listingExpiryMailConsumers } from "./modules/listings/index.ts";

const FACTORIES: ConsumerFactory[] = [
  portalAccountMailConsumers,
  agencyMailConsumers,
  savedSearchAlertConsumers,
  inquiryMailConsumers,
  listingExpiryMailConsumers,
];

export const realityConsumers: ConsumerFactory = (deps) => {
  const made = FACTORIES.map((factory) => factory(deps));
  return {
    consumers: made.flatMap((m) => m.consumers),
    close: async () => {
      for (const m of made) await m.close?.();
    },
  };
};
