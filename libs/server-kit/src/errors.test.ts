// The one mapping from whatever a resolver throws to a stable `extensions.code`.
import { Prisma } from "@ppt/db/client";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { AppError, isTransactionRetryable, toAppError } from "./errors.ts";

const prismaError = (code: string) => new Prisma.PrismaClientKnownRequestError(`prisma says ${code}`, { code, clientVersion: Prisma.prismaVersion.client });

describe("toAppError", () => {
  it("keeps an AppError as it is", () => {
    const error = AppError.badInput("Zlé číslo", { field: "input.floor" });
    expect(toAppError(error)).toBe(error);
  });

  it("maps Prisma's known failures: duplicates, missing rows, and a pool that had no connection in time", () => {
    expect(toAppError(prismaError("P2002")).code).toBe("CONFLICT");
    expect(toAppError(prismaError("P2025")).code).toBe("NOT_FOUND");
    for (const code of ["P2024", "P2028"])
      expect(toAppError(prismaError(code))).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: "The service is busy; try again" });
  });

  it("maps a database that is away (restart, failover, unreachable) to SERVICE_UNAVAILABLE: a retry may succeed", () => {
    for (const code of ["P1001", "P1017", "P2037"]) expect(toAppError(prismaError(code)).code).toBe("SERVICE_UNAVAILABLE");
    // PostgreSQL's fast shutdown ends every session with 57P01; a starting server answers 57P03.
    for (const state of ["57P01", "57P03", "08006"])
      expect(toAppError(Object.assign(new Error("terminating connection"), { code: state })).code).toBe("SERVICE_UNAVAILABLE");
    expect(toAppError(new Error("Connection terminated unexpectedly")).code).toBe("SERVICE_UNAVAILABLE");
    expect(toAppError(new Error("wrapped", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }) })).code).toBe(
      "SERVICE_UNAVAILABLE",
    );
  });

  it("finds the database's state inside Prisma's wrapper and Apollo's context-failure wrapper", () => {
    // P2039/P2010 look like SQLSTATEs; the state is the driver adapter's (found with a real session ended in db/connection-loss.test.ts).
    const wrapped = new Prisma.PrismaClientKnownRequestError("Database error. Code: `57P01`", {
      code: "P2039",
      clientVersion: Prisma.prismaVersion.client,
      meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "57P01" } } },
    });
    expect(toAppError(wrapped).code).toBe("SERVICE_UNAVAILABLE");
    const starting = Object.assign(new Error("the database system is starting up"), { code: "57P03" });
    expect(toAppError(new GraphQLError("Context creation failed: the database system is starting up", { originalError: starting })).code).toBe(
      "SERVICE_UNAVAILABLE",
    );
    // PL/pgSQL's class P0 is a real state, not a Prisma code: a raised exception stays ours (INTERNAL).
    expect(toAppError(Object.assign(new Error("raise"), { code: "P0001" })).code).toBe("INTERNAL_SERVER_ERROR");
  });

  it("maps an RLS refusal to NOT_FOUND, as for a missing id", () => {
    expect(toAppError(Object.assign(new Error("new row violates row-level security policy"), { code: "42501" })).code).toBe("NOT_FOUND");
  });

  it("tells a deadlock or serialization victim (run it again) from other failures, and maps one whose retries are spent to CONFLICT", () => {
    const deadlock = new Prisma.PrismaClientKnownRequestError("Database error. Code: `40P01`", {
      code: "P2039",
      clientVersion: Prisma.prismaVersion.client,
      meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "40P01" } } },
    });
    expect(isTransactionRetryable(deadlock)).toBe(true);
    expect(isTransactionRetryable(Object.assign(new Error("could not serialize access"), { code: "40001" }))).toBe(true);
    expect(isTransactionRetryable(prismaError("P2034"))).toBe(true);
    for (const other of [prismaError("P2002"), Object.assign(new Error("conflicting key value"), { code: "23P01" }), new Error("boom")])
      expect(isTransactionRetryable(other)).toBe(false);
    expect(toAppError(deadlock).code).toBe("CONFLICT");
  });

  it("hides the message of anything else", () => {
    expect(toAppError(new Error("connection string postgres://secret@db"))).toMatchObject({ code: "INTERNAL_SERVER_ERROR", message: "Internal server error" });
  });
});
