// A real SMTP server on a free loopback port for tests: it receives what the workers really send
// and parses each message (mailparser). Addresses can be made to refuse mail permanently (5xx) or
// for now (4xx) to exercise bounces and retries.
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Map<string, unknown>;
  receivedAt: number;
}

export interface TestSmtp {
  port: number;
  /** SMTP_HOST / SMTP_PORT for a stack's env. */
  env: Record<string, string>;
  mails: ReceivedMail[];
  /** Mail accepted for `address` so far. */
  to(address: string): ReceivedMail[];
  /** Waits until a mail for `address` (matching `where`) arrives. */
  waitFor(address: string, where?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Addresses refused with 550 (permanent) or 451 (temporary) at RCPT TO. */
  refuse(address: string, kind: "permanent" | "temporary"): void;
  /** Accepts mail for the address again. */
  accept(address: string): void;
  /** RCPT TO attempts per address (accepted or not). */
  attempts(address: string): number;
  stop(): Promise<void>;
}

/** The first link in a mail's text that carries `token=`, and that token. */
export function linkIn(mail: ReceivedMail): { url: URL; token: string } {
  const match = /https?:\/\/\S+[?&]token=[^\s&]+/.exec(mail.text);
  if (!match) throw new Error(`no link with a token in "${mail.subject}"`);
  const url = new URL(match[0]);
  return { url, token: url.searchParams.get("token")! };
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const refused = new Map<string, "permanent" | "temporary">();
  const attempts = new Map<string, number>();
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      attempts.set(to, (attempts.get(to) ?? 0) + 1);
      const kind = refused.get(to);
      if (kind === "permanent") return callback(Object.assign(new Error("5.1.1 mailbox does not exist"), { responseCode: 550 }));
      if (kind === "temporary") return callback(Object.assign(new Error("4.7.1 try again later"), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            messageId: parsed.messageId ?? "",
            headers: parsed.headers,
            receivedAt: Date.now(),
          });
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  // A sender killed mid-conversation (the delivery robustness test SIGKILLs its worker) resets its
  // connection; smtp-server reports that as an "error" event, which must not crash the test run.
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  const to = (address: string) => mails.filter((mail) => mail.to.includes(address.toLowerCase()));
  return {
    port,
    env: { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(port), SMTP_FROM: "PPT <no-reply@ppt.test>" },
    mails,
    to,
    attempts: (address) => attempts.get(address.toLowerCase()) ?? 0,
    refuse: (address, kind) => void refused.set(address.toLowerCase(), kind),
    accept: (address) => void refused.delete(address.toLowerCase()),
    waitFor(address, where = () => true, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = to(address).find(where);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no mail for the address within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
