// What a listing may contain: one zod schema per field, shared by single edits, bulk edits and
// feed imports, so every entry point accepts exactly the same values.
import { z } from "zod";
import { isIsoCurrency } from "../../shared/currency.ts";
import { featureKey } from "./filter.ts";

const decimal = (digits: number) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{1,${digits}}(\\.\\d{1,2})?$`), "a non-negative decimal with at most 2 decimal places");

/** A DateTime argument (the scalar hands over a Date) or an ISO-8601 string with offset (feeds, JSON). */
export const dateTime = z.union([z.date(), z.iso.datetime({ offset: true }).transform((value) => new Date(value))]);

export const listingFieldSchemas = {
  propertyType: z.enum(["APARTMENT", "HOUSE", "COMMERCIAL", "LAND"]),
  transactionType: z.enum(["SALE", "RENT"]),
  title: z.string().trim().min(3).max(255),
  description: z.string().trim().max(20_000).nullish(),
  descriptionTranslations: z
    .array(z.object({ language: z.string().regex(/^[a-z]{2}$/, "a two-letter language code"), text: z.string().trim().min(1).max(20_000) }))
    .max(10)
    .nullish(),
  street: z.string().trim().min(1).max(255),
  streetNumber: z.string().trim().max(50).nullish(),
  city: z.string().trim().min(1).max(100),
  district: z.string().trim().max(100).nullish(),
  postalCode: z.string().trim().max(20).nullish(),
  country: z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code"),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
  addressVisibility: z.enum(["FULL", "STREET", "DISTRICT"]),
  price: decimal(13),
  currency: z.string().refine(isIsoCurrency, "an ISO 4217 currency code (e.g. EUR, CZK)"),
  sizeSqm: decimal(8).nullish(),
  landSizeSqm: decimal(10).nullish(),
  rooms: z.number().int().min(0).max(100).nullish(),
  bathrooms: z.number().int().min(0).max(50).nullish(),
  floor: z.number().int().min(-5).max(200).nullish(),
  totalFloors: z.number().int().min(0).max(200).nullish(),
  yearBuilt: z
    .number()
    .int()
    .min(1000)
    .max(new Date().getUTCFullYear() + 10)
    .nullish(),
  energyClass: z.enum(["A0", "A1", "A", "B", "C", "D", "E", "F", "G"]).nullish(),
  features: z
    .array(featureKey)
    .max(50)
    .refine((keys) => new Set(keys).size === keys.length, "features must not repeat")
    .nullish(),
  isFeatured: z.boolean().nullish(),
  expiresAt: dateTime.nullish(),
};

const f = listingFieldSchemas;

const coordinatesTogether = (value: { latitude?: number | null; longitude?: number | null }) =>
  (value.latitude === undefined || value.latitude === null) === (value.longitude === undefined || value.longitude === null);

export const createListingSchema = z
  .object({
    propertyType: f.propertyType,
    transactionType: f.transactionType,
    title: f.title,
    description: f.description,
    descriptionTranslations: f.descriptionTranslations,
    street: f.street,
    streetNumber: f.streetNumber,
    city: f.city,
    district: f.district,
    postalCode: f.postalCode,
    country: f.country.default("SK"),
    latitude: f.latitude,
    longitude: f.longitude,
    addressVisibility: f.addressVisibility.default("STREET"),
    price: f.price,
    currency: f.currency.default("EUR"),
    sizeSqm: f.sizeSqm,
    landSizeSqm: f.landSizeSqm,
    rooms: f.rooms,
    bathrooms: f.bathrooms,
    floor: f.floor,
    totalFloors: f.totalFloors,
    yearBuilt: f.yearBuilt,
    energyClass: f.energyClass,
    features: f.features,
    agencyId: z.uuid().nullish(),
  })
  .strict()
  .refine(coordinatesTogether, { message: "latitude and longitude go together", path: ["latitude"] });

export type CreateListingInput = z.output<typeof createListingSchema>;

export const updateListingSchema = z
  .object({
    propertyType: f.propertyType.nullish(),
    transactionType: f.transactionType.nullish(),
    title: f.title.nullish(),
    description: f.description,
    descriptionTranslations: f.descriptionTranslations,
    street: f.street.nullish(),
    streetNumber: f.streetNumber,
    city: f.city.nullish(),
    district: f.district,
    postalCode: f.postalCode,
    country: f.country.nullish(),
    latitude: f.latitude,
    longitude: f.longitude,
    addressVisibility: f.addressVisibility.nullish(),
    price: f.price.nullish(),
    currency: f.currency.nullish(),
    sizeSqm: f.sizeSqm,
    landSizeSqm: f.landSizeSqm,
    rooms: f.rooms,
    bathrooms: f.bathrooms,
    floor: f.floor,
    totalFloors: f.totalFloors,
    yearBuilt: f.yearBuilt,
    energyClass: f.energyClass,
    features: f.features,
    isFeatured: f.isFeatured,
    expiresAt: f.expiresAt,
  })
  .strict()
  .refine(coordinatesTogether, { message: "latitude and longitude go together", path: ["latitude"] });

export type UpdateListingInput = z.output<typeof updateListingSchema>;

/** `[{language, text}]` → the stored `{ "en": "…" }` map. */
export function translationsMap(list: { language: string; text: string }[] | null | undefined): Record<string, string> {
  return Object.fromEntries((list ?? []).map((t) => [t.language, t.text]));
}
