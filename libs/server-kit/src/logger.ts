// Structured logs. PII never goes to the log: the redaction list covers the places it could hide.
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(name: string, level: string): Logger {
  return pino({
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
  });
}
