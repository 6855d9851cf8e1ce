// zod validation of mutation input, shared by every module: the first problem becomes
// BAD_USER_INPUT naming the field, so clients can point at it.
import type { z } from "zod";
import { AppError } from "./errors.ts";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ""): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
  throw AppError.badInput(`${field || "input"}: ${issue.message}`, { field });
}
