// Scalars shared by both subgraphs, from graphql-scalars (validated, not hand-written).
import { GraphQLScalarType, Kind } from "graphql";
import { CurrencyResolver, DateTimeResolver, EmailAddressResolver, JSONResolver, LocalDateResolver, URLResolver, UUIDResolver } from "graphql-scalars";
import { AppError } from "../errors.ts";

const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !DECIMAL.test(text)) throw AppError.badInput(`Not a decimal number: ${String(value)}`);
  return text;
}

/** Exact decimals travel as strings: money and areas never pass through a float. */
export const DecimalScalar = new GraphQLScalarType({
  name: "Decimal",
  description: "An exact decimal number, as a string",
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only primitives reach String(); objects (Prisma Decimals) took toString()
  serialize: (value) => (typeof value === "object" && value !== null ? value.toString() : String(value)),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimal(ast.value);
    throw AppError.badInput("Decimal must be a string or number literal");
  },
});

export const scalarResolvers = {
  DateTime: DateTimeResolver,
  LocalDate: LocalDateResolver,
  UUID: UUIDResolver,
  EmailAddress: EmailAddressResolver,
  JSON: JSONResolver,
  Decimal: DecimalScalar,
  URL: URLResolver,
  Currency: CurrencyResolver,
};
