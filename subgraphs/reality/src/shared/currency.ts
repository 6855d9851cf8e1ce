// ISO 4217 currencies: the GraphQL `Currency` scalar is graphql-scalars' own (the kit's shared
// scalars), and every other way a price arrives (feed items, bulk patches after the scalar) checks
// the same list through it, so what the API accepts and what a feed may carry cannot differ.
import { CurrencyResolver } from "graphql-scalars";

/** An ISO 4217 code as listings store it: upper case, one of the scalar's codes. */
export function isIsoCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    CurrencyResolver.parseValue(code);
    return true;
  } catch {
    return false;
  }
}
