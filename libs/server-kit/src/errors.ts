// One error type for every module, mapped once to GraphQL's `extensions.code`.
// Not-found and forbidden-on-another-tenant look the same to a caller (both NOT_FOUND),
// so ids of other tenants cannot be probed.
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { isQueryLimitCode } from "./graphql/query-limits.ts";

export enum ErrorCode {
  BadUserInput = "BAD_USER_INPUT",
  Unauthenticated = "UNAUTHENTICATED",
  Forbidden = "FORBIDDEN",
  NotFound = "NOT_FOUND",
  Conflict = "CONFLICT",
  RateLimited = "RATE_LIMITED",
  /** Busy (no database connection in time): nothing was done, retrying later is safe. */
  Unavailable = "SERVICE_UNAVAILABLE",
  Internal = "INTERNAL_SERVER_ERROR",
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  static notFound(entity: string): AppError {
    return new AppError(ErrorCode.NotFound, `${entity} not found`);
  }
  static forbidden(message = "You are not allowed to do this"): AppError {
    return new AppError(ErrorCode.Forbidden, message);
  }
  static unauthenticated(message = "Sign in first"): AppError {
    return new AppError(ErrorCode.Unauthenticated, message);
  }
  static badInput(message: string, details: Record<string, unknown> = {}): AppError {
    return new AppError(ErrorCode.BadUserInput, message, details);
  }
  static conflict(message: string, details: Record<string, unknown> = {}): AppError {
    return new AppError(ErrorCode.Conflict, message, details);
  }
}

/** PostgreSQL SQLSTATEs that are the caller's doing, not ours. */
const sqlStateCodes: Record<string, ErrorCode> = {
  "23505": ErrorCode.Conflict, // unique_violation
  "23P01": ErrorCode.Conflict, // exclusion_violation
  "42501": ErrorCode.NotFound, // insufficient_privilege: RLS refused a row of another tenant
  "40001": ErrorCode.Conflict, // serialization_failure
  "40P01": ErrorCode.Conflict, // deadlock_detected (only once a write's retries are spent)
};

/**
 * The database is away (restarting, failing over, unreachable, out of connections): the request
 * may succeed if retried, so it is SERVICE_UNAVAILABLE, not an internal error. Prisma's codes for
 * the driver adapter's connection failures, PostgreSQL's connection-exception class (08) and
 * shutdown states, and what `pg` throws bare when a connection dies mid-query.
 */
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2037"]);
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
const CONNECTION_LOST = /Connection terminated|connection error|Server has closed the connection|Can't reach database server|ECONNREFUSED|ECONNRESET/;

/** The error and what it wraps (`cause`: pg, Prisma; `originalError`: graphql, Apollo's context failure), outermost first. */
function chainOf(error: unknown): (SqlErrorLike & { message?: unknown })[] {
  const chain: (SqlErrorLike & { message?: unknown })[] = [];
  let current = error as (SqlErrorLike & { message?: unknown; originalError?: unknown }) | null | undefined;
  for (let depth = 0; current && typeof current === "object" && depth < 6; depth++) {
    chain.push(current);
    current = (current.cause ?? current.originalError) as typeof current;
  }
  return chain;
}

function isDatabaseUnavailable(error: unknown): boolean {
  for (const link of chainOf(error)) {
    if (typeof link.code === "string" && UNAVAILABLE_PRISMA_CODES.has(link.code)) return true;
    if (typeof link.message === "string" && CONNECTION_LOST.test(link.message)) return true;
  }
  const state = sqlStateOf(error);
  return state !== undefined && UNAVAILABLE_SQLSTATE.test(state);
}

/** Where a SQLSTATE can sit: pg's `code`, the driver adapter's `originalCode`, Prisma's `meta.driverAdapterError`. */
interface SqlErrorLike {
  code?: unknown;
  originalCode?: unknown;
  cause?: SqlErrorLike;
  meta?: { driverAdapterError?: { cause?: { originalCode?: string } } };
}

/**
 * Prisma's own codes (P1001, P2039…) have a SQLSTATE's shape but are not one: a database error
 * Prisma wraps (P2039 "Database error", P2010 "Raw query failed") carries the real state in
 * `meta.driverAdapterError`. PostgreSQL's class P0 (PL/pgSQL: P0001…) is a real state.
 */
const PRISMA_CODE = /^P[1-9]\d{3}$/;

function sqlStateOf(error: unknown): string | undefined {
  for (const link of chainOf(error)) {
    const wrapped = link.meta?.driverAdapterError?.cause?.originalCode;
    if (typeof wrapped === "string") return wrapped;
    const code = link.code ?? link.originalCode ?? link.cause?.originalCode;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !PRISMA_CODE.test(code)) return code;
  }
  return undefined;
}

/**
 * PostgreSQL rolled the whole transaction back to break a deadlock (40P01) or a serialization
 * conflict (40001), or Prisma says so (P2034): running it again is safe and usually succeeds.
 */
export function isTransactionRetryable(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state === "40P01" || state === "40001" || chainOf(error).some((link) => link.code === "P2034");
}

/**
 * graphql by shape, not `instanceof`: under a bundler (vitest) the kit may load graphql's ES
 * module build while Apollo runs its CommonJS build, and their classes differ. Apollo's own
 * subclasses (UserInputError for a variable a scalar refuses, ValidationError) carry their class
 * name, so the shape is what counts.
 */
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError || (error instanceof Error && "extensions" in error && "locations" in error);
}

/** The AppError behind an error (Apollo wraps context failures, the kit wraps them for HTTP). */
function appErrorIn(error: unknown): AppError | null {
  let current = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof AppError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return null;
}

/** Turns anything thrown into an AppError; unknown failures become INTERNAL without their message. */
export function toAppError(error: unknown): AppError {
  const original = unwrapResolverError(error);
  const known = appErrorIn(original);
  if (known) return known;
  if (isGraphQLError(original) && typeof original.extensions?.code === "string") {
    return new AppError(original.extensions.code as ErrorCode, original.message);
  }
  const prismaCode = (original as { code?: string } | null)?.code;
  if (prismaCode === "P2002") return AppError.conflict("This already exists");
  if (prismaCode === "P2025") return AppError.notFound("Record");
  // P2024: no pooled connection in time; P2028: a transaction could not start in time.
  if (prismaCode === "P2024" || prismaCode === "P2028") return new AppError(ErrorCode.Unavailable, "The service is busy; try again");
  if (isDatabaseUnavailable(original)) return new AppError(ErrorCode.Unavailable, "The service is unavailable for a moment; try again");
  const state = sqlStateOf(original);
  if (state && sqlStateCodes[state]) {
    const code = sqlStateCodes[state];
    return new AppError(code, code === ErrorCode.NotFound ? "Not found" : "This conflicts with existing data");
  }
  return new AppError(ErrorCode.Internal, "Internal server error");
}

/**
 * Apollo `formatError`: every error leaves with a stable code and without a stack; internal
 * failures are reported to `onInternal` (the log) and leave without their message.
 */
export function formatGraphQLError(onInternal: (error: unknown) => void): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const original = unwrapResolverError(error);
    if (isGraphQLError(original) && isQueryLimitCode(original.extensions?.code)) {
      return { message: formatted.message, locations: formatted.locations, extensions: { code: original.extensions.code, limit: original.extensions.limit } };
    }
    // Errors raised before execution (syntax, validation, bad request) already carry their code.
    if (isGraphQLError(original) && typeof original.extensions?.code === "string" && !(original.originalError instanceof Error)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: original.extensions.code } };
    }
    const appError = toAppError(original);
    if (appError.code === ErrorCode.Internal || appError.code === ErrorCode.Unavailable) onInternal(original);
    return {
      message: appError.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: appError.code, ...appError.details },
    };
  };
}
