// The logger masks PII itself, whatever a caller hands it, and stamps every line written during a
// request with that request's id and trace id.
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";
import { childTraceparent, parseTraceparent, runInRequestContext, settleTraceparent } from "./http/request-context.ts";

function capture() {
  const lines: string[] = [];
  const logger = createLogger("test", "debug", { write: (line: string) => void lines.push(line) });
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, any>) };
}

const EMAIL = "jana.novakova@example.sk";
const PHONE = "+421 905 123 456";
const IBAN = "SK31 1200 0000 1987 4263 7541";
const JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXN0YW5kLWlu";

describe("PII masking", () => {
  it("masks e-mails, phone numbers, IBANs and tokens anywhere in a line, and values of personal fields", () => {
    const { logger, lines, parsed } = capture();
    logger.info(
      {
        input: { email: EMAIL, firstName: "Jana", lastName: "Nováková", unitId: "u-17", count: 3 },
        note: `call ${PHONE} or 0905 123 456, pay to ${IBAN} (compact SK3112000000198742637541)`,
        headers: { authorization: `Bearer ${JWT}` },
        raw: `token ${JWT} for ${EMAIL}`,
        list: [{ contactName: "Peter Malý" }, EMAIL],
      },
      `sign-in of ${EMAIL}`,
    );
    const text = lines.join("");
    for (const secret of [EMAIL, "jana.novakova", "Jana", "Nováková", "Peter Malý", "905 123 456", "SK31", "SK3112000000198742637541", JWT, "eyJhbGci"])
      expect(text, secret).not.toContain(secret);
    const [line] = parsed();
    // What is not personal stays readable.
    expect(line!.input).toMatchObject({ unitId: "u-17", count: 3 });
    expect(line!.msg).toBe("sign-in of [redacted]");
  });

  it("masks error messages and stacks, as an internal error with a database detail would carry", () => {
    const { logger, lines, parsed } = capture();
    const error = new Error(`duplicate key value violates unique constraint: Key (email)=(${EMAIL}) already exists`);
    logger.error({ err: error }, "internal error");
    expect(lines.join("")).not.toContain(EMAIL);
    expect(parsed()[0]!.err.message).toContain("duplicate key value");
  });

  it("leaves ids, timestamps, durations and error codes alone", () => {
    const { logger, parsed } = capture();
    const id = "3f2b8c1e-0905-4123-8456-042612345678";
    logger.info({ requestId: "client-trace-42", id, at: "2026-12-04T03:12:31.000Z", durationMs: 12.5, code: "RATE_LIMITED", status: 200 }, "request");
    expect(parsed()[0]).toMatchObject({
      requestId: "client-trace-42",
      id,
      at: "2026-12-04T03:12:31.000Z",
      durationMs: 12.5,
      code: "RATE_LIMITED",
      status: 200,
    });
  });
});

describe("request and trace ids", () => {
  it("are on every line written while a request is served, and on none outside", async () => {
    const { logger, parsed } = capture();
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    await runInRequestContext({ requestId: "req-1", traceId }, async () => {
      logger.info("first");
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.child({ module: "faults" }).warn({ n: 1 }, "after an await, from a child logger");
    });
    logger.info("outside");
    const [first, second, outside] = parsed();
    expect(first).toMatchObject({ requestId: "req-1", traceId });
    expect(second).toMatchObject({ requestId: "req-1", traceId, module: "faults" });
    expect(outside).not.toHaveProperty("traceId");
  });

  it("continue a caller's W3C traceparent and start a valid one otherwise", () => {
    const incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const headers: Record<string, string> = { traceparent: incoming };
    expect(settleTraceparent(headers)).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    const child = parseTraceparent(childTraceparent(incoming))!;
    expect(child.traceId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(child.parentId).not.toBe("00f067aa0ba902b7");

    for (const bad of [
      undefined,
      "garbage",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    ]) {
      const fresh: Record<string, string | undefined> = { traceparent: bad, tracestate: "vendor=1" };
      const traceId = settleTraceparent(fresh);
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(parseTraceparent(fresh.traceparent)?.traceId).toBe(traceId);
      expect(fresh.tracestate).toBeUndefined();
    }
  });
});
