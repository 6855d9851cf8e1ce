// PII masking done by the logger itself, whatever a caller hands it: values under known personal
// fields are replaced, and e-mail addresses, phone numbers, IBANs, bearer tokens and JWTs are
// masked wherever they appear in a string (messages, error messages, nested objects). Patterns
// come from the validators the app already uses for the same data (an e-mail as `zod` sees one,
// IBANs by their ISO 13616 shape); they err towards masking.

export const MASK = "[redacted]";

/** Keys whose value is personal or secret whatever it looks like (compared without case, `_` or `-`). */
const SENSITIVE_KEYS = new Set(
  [
    "email",
    "password",
    "newPassword",
    "currentPassword",
    "token",
    "accessToken",
    "refreshToken",
    "mfaToken",
    "idToken",
    "secret",
    "clientSecret",
    "authorization",
    "cookie",
    "setCookie",
    "apiKey",
    "variables",
    "phone",
    "phoneNumber",
    "mobile",
    "iban",
    "name",
    "firstName",
    "lastName",
    "fullName",
    "displayName",
    "givenName",
    "familyName",
    "ownerName",
    "contactName",
    "birthDate",
    "dateOfBirth",
    "documentNumber",
    "idNumber",
    "personalNumber",
    "birthNumber",
    "address",
    "street",
  ].map(normalizeKey),
);

/** Keys that name a thing rather than a person: the logger and the HTTP line use them. */
const SAFE_KEYS = new Set(["msg", "level", "time", "pid", "hostname", "requestId", "traceId", "operationName", "path", "method", "service"].map(normalizeKey));

function normalizeKey(key: string): string {
  return key.replace(/[-_]/g, "").toLowerCase();
}

const PATTERNS: RegExp[] = [
  // JWTs (three base64url parts, the first a JSON header) and bearer credentials.
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  // E-mail addresses.
  /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
  // IBANs: country, check digits, 11–30 alphanumerics, optionally grouped by spaces.
  /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g,
  // Phone numbers: international (+421 905 123 456) or a national 0… number of 9–10 digits, with spaces/dashes.
  /(?:\+|\b00)\d{1,3}(?:[ -]?\d{2,4}){2,5}\b/g,
  /\b0\d{2,3}(?:[ -]?\d{3}){2}\b/g,
];

export function maskString(value: string): string {
  let masked = value;
  for (const pattern of PATTERNS) masked = masked.replace(pattern, MASK);
  return masked;
}

/** A copy of `value` with personal fields and patterns masked (cycles and depth bounded). */
export function maskValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return maskString(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 8 || seen.has(value)) return "[…]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, depth + 1, seen));
  if (value instanceof Error) {
    return maskValue({ type: value.name, message: value.message, stack: value.stack, ...(value as unknown as Record<string, unknown>) }, depth, seen);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const normal = normalizeKey(key);
    out[key] = !SAFE_KEYS.has(normal) && SENSITIVE_KEYS.has(normal) && item !== null && item !== undefined ? MASK : maskValue(item, depth + 1, seen);
  }
  return out;
}
