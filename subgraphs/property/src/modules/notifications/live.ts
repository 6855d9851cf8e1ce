// `notificationAdded`: the caller's new notifications in the active organization. The wake-up
// names the notification; it is read again in a fresh context of the subscriber (its own
// transaction under RLS), so only the person it is for ever receives it.
import type { Notification } from "@ppt/db/client";
import { AppError, ErrorCode, EventQueue, type WakeUp } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { requireMember } from "./access.ts";
import { notificationsChannel } from "./live-routes.ts";
import { getNotification } from "./service.ts";

export async function subscribeNotificationAdded(ctx: PropertyContext): Promise<AsyncGenerator<{ notificationAdded: Notification }>> {
  requireMember(ctx.caller);
  const { organizationId, userId } = ctx.caller;
  await ctx.db.close(); // hold no pooled connection while subscribed
  const queue = new EventQueue<{ notificationAdded: Notification }>();
  // The relay and a post-commit path may both deliver an event.
  const recent = new Set<string>();
  let pending: Promise<void> = Promise.resolve();
  const unsubscribe = await ctx.events.pubsub.subscribe(notificationsChannel(userId), (payload) => {
    const wakeUp = payload as WakeUp;
    if (wakeUp.aggregateType !== "notification" || wakeUp.organizationId !== organizationId || recent.has(wakeUp.eventId)) return;
    recent.add(wakeUp.eventId);
    if (recent.size > 500) recent.delete(recent.values().next().value!);
    pending = pending
      .then(async () => {
        if (queue.closed) return;
        const check = ctx.fork();
        try {
          queue.push({ notificationAdded: await getNotification(check, wakeUp.aggregateId) });
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== ErrorCode.NotFound) throw error;
        } finally {
          await check.dispose();
        }
      })
      .catch((error) => queue.fail(error));
  });
  queue.onClose(unsubscribe);
  return queue;
}
