// The set-up of the mail tests: an SMTP server, a stack on RabbitMQ whose mail goes to it, and the
// package's worker (started by the test's own function) that consumes the events and sends the mail.
import type { ServerConfig } from "@ppt/server-kit";
import { startTestSmtp, type TestSmtp } from "./smtp.ts";
import { startStack, type Stack } from "./stack.ts";

export interface MailStack {
  smtp: TestSmtp;
  stack: Stack;
  /** Stops the worker, the stack and the SMTP server (whatever of them started). */
  stop: () => Promise<void>;
}

export async function startMailStack(
  startWorker: (config: ServerConfig) => Promise<{ stop(): Promise<void> }>,
  env: Record<string, string> = {},
): Promise<MailStack> {
  const smtp = await startTestSmtp();
  let stack: Stack | undefined;
  let worker: { stop(): Promise<void> } | undefined;
  const stop = async () => {
    await worker?.stop();
    await stack?.stop();
    await smtp.stop();
  };
  try {
    stack = await startStack({ broker: true, env: { ...smtp.env, ...env } });
    worker = await startWorker(stack.config);
  } catch (error) {
    await stop();
    throw error;
  }
  return { smtp, stack, stop };
}
