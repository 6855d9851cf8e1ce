// SMS through an HTTP provider: POST {to, text, sender} as JSON with the API key in a header.
// The provider's answer decides: 2xx sent, 4xx a bad number or message (permanent) except
// throttling, 5xx and network failures temporary.
import { z } from "zod";
import { outcomeOfHttpStatus, type DeliveryOutcome } from "@ppt/server-kit";

export interface SmsProviderConfig {
  url: string;
  apiKey: string;
  sender: string;
  timeoutMs: number;
}

const smsEnv = z.object({
  SMS_PROVIDER_URL: z.url(),
  SMS_PROVIDER_API_KEY: z.string().min(1),
  SMS_SENDER: z.string().default("PPT"),
});

/** Null when no provider is configured: the notification worker then leaves SMS out. */
export function smsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmsProviderConfig | null {
  if (!env.SMS_PROVIDER_URL) return null;
  const parsed = smsEnv.parse(env);
  return { url: parsed.SMS_PROVIDER_URL, apiKey: parsed.SMS_PROVIDER_API_KEY, sender: parsed.SMS_SENDER, timeoutMs: 10_000 };
}

export class SmsChannel {
  constructor(private readonly config: SmsProviderConfig) {}

  async send(to: string, text: string): Promise<DeliveryOutcome> {
    let response: Response;
    try {
      response = await fetch(this.config.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": this.config.apiKey },
        body: JSON.stringify({ to, text, sender: this.config.sender }),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (error) {
      return { kind: "temporary", reason: error instanceof Error ? error.message : String(error) };
    }
    const body = await response.text().catch(() => "");
    const outcome = outcomeOfHttpStatus(response.status, body.slice(0, 500));
    if (outcome.kind !== "ok") return outcome;
    const id = (() => {
      try {
        return (JSON.parse(body) as { id?: unknown }).id;
      } catch {
        return undefined;
      }
    })();
    return { kind: "ok", providerId: typeof id === "string" ? id : undefined };
  }
}
