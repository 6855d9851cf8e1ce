// An invoice the caller already sees, exported as an EN 16931 e-invoice (UBL 2.1 XML through
// ubl.ts): the seller is the organization (its address, else the building's, where an owners'
// association sits; its bank IBAN is required for the payment means), the buyer the unit's owners
// at the building's address, each with an e-mail as its electronic address. Each item's VAT rate becomes the category that had that rate on the
// issue date (rates are data), so a rate no category had then is refused, not guessed.
import type { Invoice } from "@ppt/db/client";
import { AppError } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { buildingById, ownershipsOfUnit, unitById } from "../buildings/index.ts";
import { emailOfUser } from "../auth/index.ts";
import { memberById } from "../organizations/index.ts";
import { dayOf } from "./graph.ts";
import { formatAmount, parseAmount } from "./money.ts";
import { invoiceUbl } from "./ubl.ts";
import { slovakVatRates, type VatCategory } from "./vat-rates.ts";

export interface ExportedFile {
  fileName: string;
  contentType: string;
  /** base64 */
  content: string;
}

function categoryOf(rate: string, on: string): VatCategory {
  const basisPoints = Number(parseAmount(rate));
  const match = slovakVatRates.find((r) => r.basisPoints === basisPoints && r.validFrom <= on && (r.validTo === undefined || r.validTo >= on));
  if (!match) throw AppError.badInput(`No VAT category had the rate ${rate} % on ${on}`, { reason: "UNKNOWN_VAT_RATE" });
  return match.category;
}

export const safeName = (value: string) => value.replace(/[^\w.-]+/g, "_");

/** The seller (the organization, with its bank IBAN when set), the buyer (the unit's current owners) and the unit of an invoice the caller sees. */
export async function invoiceParties(ctx: PropertyContext, invoice: Invoice) {
  const [organization, bank, unit] = await Promise.all([
    ctx.loaders.organization.load(invoice.organizationId),
    ctx.loaders.bankAccount.load(invoice.organizationId),
    invoice.unitId ? unitById(ctx, invoice.unitId) : null,
  ]);
  const building = unit ? await buildingById(ctx, unit.buildingId) : null;
  if (!organization || !unit || !building || building.isPublic) throw AppError.notFound("Invoice");
  const owners = (await ownershipsOfUnit(ctx, unit)).filter((o) => !o.validTo);
  const names = (await Promise.all(owners.map((o) => memberById(ctx, o.userId)))).flatMap((m) => (m ? [`${m.firstName} ${m.lastName}`] : []));
  const buildingAddress = { street: `${building.street} ${building.streetNumber}`, city: building.city, postalCode: building.postalCode, country: "SK" };
  return {
    organization,
    iban: bank?.iban ?? null,
    unit,
    owners,
    seller: {
      name: organization.name,
      // An owners' association often has no address of its own: it sits in its building.
      ...(organization.street && organization.city && organization.postalCode
        ? { street: organization.street, city: organization.city, postalCode: organization.postalCode, country: "SK" }
        : buildingAddress),
      companyId: organization.ico ?? undefined,
      vatId: organization.vatId ?? undefined,
    },
    buyer: { name: names.join(", ") || `Vlastník ${unit.designation ?? ""}`.trim(), ...buildingAddress },
  };
}

export async function invoiceEInvoice(ctx: PropertyContext, invoice: Invoice): Promise<ExportedFile> {
  const issuedOn = dayOf(invoice.issuedAt);
  const [parties, items] = await Promise.all([invoiceParties(ctx, invoice), ctx.loaders.itemsByInvoice.load(invoice.id)]);
  const { organization, iban, owners } = parties;
  if (!iban) throw AppError.badInput("The organization's bank IBAN is not set (setBankAccountIban)", { reason: "IBAN_NOT_SET" });
  // EN 16931's Peppol rules want an electronic address of both parties: the first owner's e-mail
  // (one the caller may see: staff, or the owner themselves), else the organization's.
  const buyerEmail = (owners[0] ? await ctx.db.read((tx) => emailOfUser(tx, owners[0]!.userId)) : null) ?? organization.contactEmail;
  const xml = await invoiceUbl({
    number: invoice.number,
    issuedOn,
    dueOn: dayOf(invoice.dueAt),
    periodFrom: invoice.periodFrom ? dayOf(invoice.periodFrom) : undefined,
    periodTo: invoice.periodTo ? dayOf(invoice.periodTo) : undefined,
    currency: invoice.currency,
    variableSymbol: invoice.variableSymbol ?? undefined,
    note: invoice.note ?? undefined,
    seller: { ...parties.seller, email: organization.contactEmail, iban },
    buyer: { ...parties.buyer, email: buyerEmail },
    lines: items.map((item) => ({
      description: item.description,
      quantity: item.quantity.toFixed(3),
      unitPrice: formatAmount(parseAmount(item.unitPrice.toFixed(2))),
      category: categoryOf(item.vatRate.toFixed(2), issuedOn),
    })),
  });
  return { fileName: `${safeName(invoice.number)}.xml`, contentType: "application/xml", content: Buffer.from(xml, "utf8").toString("base64") };
}
