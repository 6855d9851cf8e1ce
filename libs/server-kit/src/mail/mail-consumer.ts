// A broker consumer that mails: per event it finds whom to write and what, and the mail leaves
// once per (event, recipient) through the delivery rows (deliverMailOnce), rendered only when it
// is really sent. The consumer's SMTP channel is made with it and closed after it.
import type { BrokerEvent, ConsumeOptions } from "../broker/event-broker.ts";
import type { ConsumerDeps, ConsumerFactory } from "../broker/consumers.ts";
import type { RenderedEmail } from "./compose.ts";
import { deliverMailOnce, type MailResult } from "./deliveries.ts";
import { EmailChannel } from "./smtp.ts";

export interface EventMail {
  /** The template, e.g. "portal.verify_email". */
  kind: string;
  to: string;
  render: () => RenderedEmail | Promise<RenderedEmail>;
  /** After the delivery (e.g. remember that an alert went out). */
  afterDelivery?: (result: MailResult) => Promise<void>;
}

export interface MailConsumer {
  /** Its queue and the delivery rows' consumer, e.g. "reality.account-mail". */
  name: string;
  patterns: string[];
  /** Made once per process: the mail an event asks for, or null (nobody to write to, a stale event). Throws UnprocessableEvent on a malformed event. */
  mailOf: (deps: ConsumerDeps) => (event: BrokerEvent) => Promise<EventMail | null>;
}

/** Mail waits for an SMTP server that is down for a while: eight attempts over about an hour. */
export const MAIL_CONSUMER_OPTIONS: ConsumeOptions = { prefetch: 8, retry: { maxAttempts: 8, delaysMs: [1_000, 5_000, 30_000, 120_000, 600_000] } };

export function mailConsumer(consumer: MailConsumer): ConsumerFactory {
  return (deps) => {
    const channel = new EmailChannel(deps.config.smtp);
    const mailOf = consumer.mailOf(deps);
    const handle = async (event: BrokerEvent): Promise<void> => {
      const mail = await mailOf(event);
      if (!mail) return;
      const { kind, to, render } = mail;
      const result = await deliverMailOnce(deps.pool, channel, { eventId: event.id, consumer: consumer.name, kind, to, render }, deps.logger);
      await mail.afterDelivery?.(result);
    };
    return {
      consumers: [{ name: consumer.name, patterns: consumer.patterns, handle, options: MAIL_CONSUMER_OPTIONS }],
      close: () => channel.close(),
    };
  };
}
