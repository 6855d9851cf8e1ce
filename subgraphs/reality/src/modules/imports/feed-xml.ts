// The agency feed as XML: refuse hostile documents, validate against feed.xsd (libxml2's own
// validator, compiled to WebAssembly: xmllint-wasm), parse without entity processing, and
// write the same format back out.
import { readFileSync } from "node:fs";
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { AppError } from "@ppt/server-kit";
import { validateXML } from "xmllint-wasm";
import type { FeedExportRow } from "../listings/index.ts";

export const FEED_XSD = readFileSync(new URL("./feed.xsd", import.meta.url), "utf8");

/** Feeds larger than this are refused before anything reads them. */
export const MAX_FEED_BYTES = 100 * 1024 * 1024;

/**
 * No DTD at all: a DOCTYPE is where entity expansion ("billion laughs") and external entities
 * (file and network reads) come from, and our format needs none. Refused before any parser runs.
 */
export function refuseHostileXml(xml: string): void {
  if (Buffer.byteLength(xml, "utf8") > MAX_FEED_BYTES) throw AppError.badInput("The feed is larger than 100 MB", { field: "xml" });
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw AppError.badInput("DOCTYPE and ENTITY declarations are not accepted in a feed", { field: "xml" });
  }
}

export interface SchemaError {
  line: number | null;
  message: string;
}

/** XSD validation; errors carry the line they were found on. */
export async function validateAgainstXsd(xml: string): Promise<SchemaError[]> {
  const result = await validateXML({
    xml: [{ fileName: "feed.xml", contents: xml }],
    schema: [{ fileName: "feed.xsd", contents: FEED_XSD }],
    // 64 KiB pages: up to 2 GiB for large feeds.
    initialMemoryPages: 256,
    maxMemoryPages: 32_768,
  });
  return result.errors.map((error) => ({ line: error.loc?.lineNumber ?? null, message: error.message.trim() }));
}

/** The line each `<listing>` starts on, in document order (to pin schema errors to items). */
export function listingStartLines(xml: string): number[] {
  const lines: number[] = [];
  const pattern = /<listing[\s/>]|\n/g;
  let line = 1;
  for (let match = pattern.exec(xml); match; match = pattern.exec(xml)) {
    if (match[0] === "\n") line++;
    else lines.push(line);
  }
  return lines;
}

/** The predefined XML entities and character references: all a DTD-less document can contain. */
export function decodeXmlText(text: string): string {
  return text.replace(
    /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g,
    (whole: string, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (dec || hex) {
        const code = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? "", 16);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[name as "amp"];
    },
  );
}

type XmlNode = string | { "#text"?: string; "@"?: Record<string, string>; [child: string]: unknown };

/** A feed item as read from XML: strings only, decoded, absent elements undefined. */
export interface FeedItem {
  externalId: string;
  type?: string;
  transaction?: string;
  status?: string;
  title?: string;
  description?: string;
  translations: { language: string; text: string }[];
  address: {
    visibility?: string;
    street?: string;
    number?: string;
    city?: string;
    district?: string;
    postalCode?: string;
    country?: string;
    latitude?: string;
    longitude?: string;
  };
  price?: string;
  currency?: string;
  area?: string;
  landArea?: string;
  rooms?: string;
  bathrooms?: string;
  floor?: string;
  totalFloors?: string;
  yearBuilt?: string;
  energyClass?: string;
  features: string[];
  realtorEmail?: string;
}

export interface ParsedFeed {
  full: boolean;
  items: FeedItem[];
}

const ARRAYS = new Set(["listings.listing", "listings.listing.features.feature", "listings.listing.translations.description"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributesGroupName: "@",
  attributeNamePrefix: "",
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  jPath: true,
  isArray: (_name, jPath) => ARRAYS.has(String(jPath)),
});

function text(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === "string") return decodeXmlText(node);
  // parseTagValue is off: an element's text is always a string.
  const value = (node as { "#text"?: string })["#text"];
  return value === undefined ? "" : decodeXmlText(value);
}

function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== "object") return undefined;
  const value = (node as { "@"?: Record<string, string> })["@"]?.[name];
  return value === undefined ? undefined : decodeXmlText(value);
}

/** Parses a feed that passed refuseHostileXml (and, for imports, the XSD). */
export function parseFeed(xml: string): ParsedFeed {
  const document = parser.parse(xml) as { listings?: XmlNode };
  const root = document.listings;
  if (root === undefined) throw AppError.badInput("The feed's root element must be <listings>", { field: "xml" });
  const listings = (typeof root === "object" ? (root.listing as Record<string, unknown>[] | undefined) : undefined) ?? [];
  const items = listings.map((node): FeedItem => {
    const address = (node.address ?? {}) as Record<string, unknown>;
    const translations = ((node.translations as Record<string, unknown> | undefined)?.description as unknown[] | undefined) ?? [];
    const features = ((node.features as Record<string, unknown> | undefined)?.feature as unknown[] | undefined) ?? [];
    return {
      externalId: attr(node, "id") ?? "",
      type: text(node.type),
      transaction: text(node.transaction),
      status: text(node.status),
      title: text(node.title),
      description: text(node.description),
      translations: translations.map((t) => ({ language: attr(t, "lang") ?? "", text: text(t) ?? "" })),
      address: {
        visibility: attr(address, "visibility"),
        street: text(address.street),
        number: text(address.number),
        city: text(address.city),
        district: text(address.district),
        postalCode: text(address.postalCode),
        country: text(address.country),
        latitude: text(address.latitude),
        longitude: text(address.longitude),
      },
      price: text(node.price),
      currency: attr(node.price, "currency"),
      area: text(node.area),
      landArea: text(node.landArea),
      rooms: text(node.rooms),
      bathrooms: text(node.bathrooms),
      floor: text(node.floor),
      totalFloors: text(node.totalFloors),
      yearBuilt: text(node.yearBuilt),
      energyClass: text(node.energyClass),
      features: features.map((f) => text(f) ?? ""),
      realtorEmail: text(node.realtorEmail),
    };
  });
  return { full: attr(root, "full") !== "false" && attr(root, "full") !== "0", items };
}

// ---------------------------------------------------------------------------------------------
// Export

/** A listing as the feed writes it: the export row, with its translations keyed by language and its realtor by e-mail. */
export type FeedListing = Omit<FeedExportRow, "translations" | "realtorId"> & { translations: Record<string, string>; realtorEmail: string | null };

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributesGroupName: "@",
  attributeNamePrefix: "",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  processEntities: true,
});

const optional = <T>(value: T | null | undefined) => (value === null || value === undefined ? undefined : value);

export function buildFeed(listings: readonly FeedListing[], full = true): string {
  const document = {
    listings: {
      "@": { version: "1", full: String(full), generated: new Date().toISOString() },
      listing: listings.map((l) => ({
        "@": { id: l.externalId },
        type: l.propertyType,
        transaction: l.transactionType,
        status: l.status,
        title: l.title,
        description: optional(l.description),
        translations: Object.keys(l.translations).length
          ? { description: Object.entries(l.translations).map(([lang, text]) => ({ "@": { lang }, "#text": text })) }
          : undefined,
        address: {
          "@": { visibility: l.addressVisibility },
          street: l.street,
          number: optional(l.streetNumber),
          city: l.city,
          district: optional(l.district),
          postalCode: optional(l.postalCode),
          country: l.country,
          latitude: optional(l.latitude),
          longitude: optional(l.longitude),
        },
        price: { "@": { currency: l.currency }, "#text": l.price },
        area: optional(l.sizeSqm),
        landArea: optional(l.landSizeSqm),
        rooms: optional(l.rooms),
        bathrooms: optional(l.bathrooms),
        floor: optional(l.floor),
        totalFloors: optional(l.totalFloors),
        yearBuilt: optional(l.yearBuilt),
        energyClass: optional(l.energyClass),
        features: l.features.length ? { feature: l.features } : undefined,
        realtorEmail: optional(l.realtorEmail),
      })),
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(document)}`;
}
