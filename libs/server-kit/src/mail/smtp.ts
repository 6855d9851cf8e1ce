// E-mail over SMTP (nodemailer), shared by the workers of both subgraphs. A 5xx reply (hard bounce: unknown mailbox, rejected recipient)
// is permanent; a 4xx reply, a refused or dropped connection and timeouts are temporary.
import nodemailer, { type Transporter } from "nodemailer";
import type { DeliveryOutcome } from "./delivery-outcome.ts";
import type { RenderedEmail } from "./compose.ts";

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string };
  from: string;
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
