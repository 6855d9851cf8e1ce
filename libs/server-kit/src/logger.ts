// Structured JSON logs (pino). PII never goes to the log: the logger itself masks personal fields
// and anything that looks like an e-mail, phone number, IBAN or token (log-masking.ts), and every
// line written while a request is handled carries its request id and W3C trace id.
import { pino, type DestinationStream, type Logger } from "pino";
import { currentRequestContext } from "./http/request-context.ts";
import { maskString, maskValue } from "./log-masking.ts";

export type { DestinationStream, Logger };

/** Standard output unless a destination is given (tests read the lines back). */
export function createLogger(name: string, level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    mixin: () => {
      const context = currentRequestContext();
      return context ? { requestId: context.requestId, traceId: context.traceId } : {};
    },
    formatters: {
      // Runs on the merged object before pino serializes it (errors included): nothing escapes it.
      log: (object) => maskValue(object) as Record<string, unknown>,
    },
    hooks: {
      // The message and its format arguments, which `formatters.log` does not see.
      logMethod(args, method) {
        const masked = args.map((arg) => (typeof arg === "string" ? maskString(arg) : arg)) as Parameters<typeof method>;
        return method.apply(this, masked);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
