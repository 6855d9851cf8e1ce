// An agency's or realtor's public details changed (name, contact, verified badge, members): the
// `<aggregate>.changed` outbox event reaches the gateways' response cache, which drops every
// cached answer that showed it (a listing page shows its agency and realtor), so nobody is served
// the old details for the rest of their max-age.
import { writeOutboxEvent, type Tx } from "@ppt/server-kit";

export function publicDetailsChanged(tx: Tx, aggregateType: "agency" | "realtor", aggregateId: string): Promise<string> {
  return writeOutboxEvent(tx, { aggregateType, aggregateId, eventType: `${aggregateType}.changed`, payload: { [`${aggregateType}Id`]: aggregateId } });
}
