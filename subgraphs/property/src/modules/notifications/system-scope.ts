// Worker code that writes or reads notification rows of many people at once (creating in-app
// notices, delivering them) runs in the organization's tenant scope plus the notification
// system flag the own_rows RLS policies admit. Requests never set it: there a person sees only
// their own rows.
import type { Tx } from "@ppt/server-kit";

export async function enterNotificationSystem(tx: Tx, organizationId: string): Promise<void> {
  await tx.$queryRaw`SELECT set_config('app.current_org', ${organizationId}, true), set_config('app.current_user', '', true), set_config('app.notification_system', 'on', true)`;
}
