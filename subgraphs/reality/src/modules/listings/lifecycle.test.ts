import { describe, expect, it } from "vitest";
import { TRANSITIONS, transitionProblem, transitionStamps, type ListingStatus } from "./lifecycle.ts";

const flat = { transactionType: "SALE", propertyType: "APARTMENT", country: "SK", energyClass: "B", title: "Byt", city: "Košice", street: "Hlavná" } as const;

describe("listing lifecycle", () => {
  it("allows exactly the transitions of the table", () => {
    const all: ListingStatus[] = ["DRAFT", "ACTIVE", "RESERVED", "SOLD", "RENTED", "ARCHIVED"];
    for (const from of all) {
      for (const to of all) {
        if (from === to) continue;
        const listing = { ...flat, transactionType: to === "RENTED" ? "RENT" : "SALE", status: from } as const;
        const problem = transitionProblem(listing, to);
        expect(problem === null, `${from} → ${to}`).toBe(TRANSITIONS[from].includes(to));
      }
    }
  });

  it("requires the energy class of a Slovak flat or house to publish, not of land or a foreign listing", () => {
    expect(transitionProblem({ ...flat, status: "DRAFT", energyClass: null }, "ACTIVE")?.code).toBe("BAD_USER_INPUT");
    expect(transitionProblem({ ...flat, status: "DRAFT", energyClass: null, propertyType: "LAND" }, "ACTIVE")).toBeNull();
    expect(transitionProblem({ ...flat, status: "DRAFT", energyClass: null, country: "CZ" }, "ACTIVE")).toBeNull();
  });

  it("stamps publication and a 90-day expiry on first publication, keeps the date when reserved goes back", () => {
    const now = new Date("2026-11-25T10:00:00Z");
    expect(transitionStamps({ status: "DRAFT", publishedAt: null, expiresAt: null }, "ACTIVE", now)).toEqual({
      publishedAt: now,
      expiresAt: new Date("2027-02-23T10:00:00Z"),
    });
    const published = new Date("2026-11-01T00:00:00Z");
    const expires = new Date("2027-01-30T00:00:00Z");
    expect(transitionStamps({ status: "RESERVED", publishedAt: published, expiresAt: expires }, "ACTIVE", now)).toEqual({ publishedAt: published });
    expect(transitionStamps({ status: "ACTIVE", publishedAt: published, expiresAt: expires }, "ARCHIVED", now)).toEqual({ archivedAt: now });
  });
});
