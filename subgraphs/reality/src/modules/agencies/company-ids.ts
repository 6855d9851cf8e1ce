// Slovak company identifiers an agency registers with.
//
// IČO (identifikačné číslo organizácie): eight digits, the last a check digit over the first seven
// with weights 8…2, modulo 11 (remainder 0 → 1, remainder 1 → 0, else 11 − remainder), as the
// Statistical Office assigns them and the business register checks them. Older six-digit numbers
// are written with two leading zeros.
//
// IČ DPH (VAT id): "SK" and ten digits whose number is divisible by 11 (the rule the EU's VIES
// applies to Slovak VAT numbers).
import { z } from "zod";

const compact = (value: string) => value.replace(/\s+/g, "");

export function isValidIco(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 7).reduce((acc, digit, i) => acc + digit * (8 - i), 0);
  return (11 - (sum % 11)) % 10 === digits[7];
}

export function isValidSkVatId(value: string): boolean {
  return /^SK[1-9]\d{9}$/.test(value) && BigInt(value.slice(2)) % 11n === 0n;
}

export const icoSchema = z.string().transform(compact).refine(isValidIco, "an IČO of 8 digits whose check digit is right");

export const skVatIdSchema = z
  .string()
  .transform((v) => compact(v).toUpperCase())
  .refine(isValidSkVatId, "an IČ DPH: SK and 10 digits, divisible by 11");
