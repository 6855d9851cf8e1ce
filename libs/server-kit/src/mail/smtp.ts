// E-mail over SMTP (nodemailer), shared by the workers of both subgraphs. A 5xx reply (hard bounce: unknown mailbox, rejected recipient)
// is permanent; a 4xx reply, a refused or dropped connection and timeouts are temporary.
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import type { DeliveryOutcome } from "./delivery-outcome.ts";
import type { RenderedEmail } from "./compose.ts";

const smtpEnv = z.object({
  SMTP_HOST: z.string().default("127.0.0.1"),
  SMTP_PORT: z.coerce.number().int().positive().default(1025),
  SMTP_SECURE: z.enum(["true", "false"]).default("false"),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z.string().default("PPT <no-reply@ppt.localhost>"),
});

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string };
  from: string;
}

export function smtpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpConfig {
  const parsed = smtpEnv.parse(env);
  return {
    host: parsed.SMTP_HOST,
    port: parsed.SMTP_PORT,
    secure: parsed.SMTP_SECURE === "true",
    auth: parsed.SMTP_USER ? { user: parsed.SMTP_USER, pass: parsed.SMTP_PASSWORD ?? "" } : undefined,
    from: parsed.MAIL_FROM,
  };
}

export class EmailChannel {
  private readonly transport: Transporter;

  constructor(private readonly config: SmtpConfig) {
    this.transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      auth: config.auth,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      // Kept-open connections (one SMTP session per mail costs a handshake each): as many as a consumer handles at once.
      pool: true,
      maxConnections: 8,
      maxMessages: 1_000,
    });
  }

  /** `messageId`: a stable Message-ID (the same delivery sent again after a crash is the same message). */
  async send(to: string, email: RenderedEmail, options: { messageId?: string } = {}): Promise<DeliveryOutcome> {
    try {
      const info = await this.transport.sendMail({
        ...(options.messageId ? { messageId: options.messageId } : {}),
        from: this.config.from,
        to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: email.headers,
      });
      return { kind: "ok", providerId: info.messageId };
    } catch (error) {
      const { responseCode, response, message } = error as { responseCode?: number; response?: string; message?: string };
      const reason = response ?? message ?? String(error);
      if (typeof responseCode === "number" && responseCode >= 500 && responseCode < 600) return { kind: "permanent", reason };
      return { kind: "temporary", reason };
    }
  }

  close(): void {
    this.transport.close();
  }
}
