// Structured logs. PII never goes to the log: the redaction list covers the places it could hide.
import { pino, type DestinationStream, type Logger } from "pino";

export type { DestinationStream, Logger };

/** Standard output unless a destination is given (tests read the lines back). */
export function createLogger(name: string, level: string, destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    redact: {
      paths: [
        "email",
        "*.email",
        "password",
        "*.password",
        "token",
        "*.token",
        "refreshToken",
        "*.refreshToken",
        "authorization",
        "headers.authorization",
        "req.headers.authorization",
        "variables",
        "*.variables",
        "phone",
        "*.phone",
      ],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
