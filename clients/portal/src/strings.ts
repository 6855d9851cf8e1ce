// Every text the portal shows, in Slovak (the portal's one language for now): one place to
// review the wording and, later, to swap in other languages.
import type { PropertyType, TransactionType } from "./generated/graphql.ts";

const plural = new Intl.PluralRules("sk-SK");

export const sk = {
  appName: "Reality Portál",
  tagline: "Byty, domy a pozemky na predaj a prenájom",
  loading: "Načítavam…",
  notFound: "Táto stránka neexistuje.",
  loadFailed: "Údaje sa nepodarilo načítať. Skúste to, prosím, znova.",
  search: {
    heading: "Hľadať nehnuteľnosti",
    city: "Mesto alebo obec",
    cityPlaceholder: "napr. Košice",
    transactionType: "Ponuka",
    anyTransaction: "Predaj aj prenájom",
    minPrice: "Cena od (€)",
    maxPrice: "Cena do (€)",
    pricePlaceholder: "napr. 150 000",
    submit: "Hľadať",
    reset: "Zrušiť filtre",
    loadMore: "Zobraziť ďalšie",
    noResults: "Vašim požiadavkám nezodpovedá žiadny inzerát. Skúste zmeniť filtre.",
    invalidPrice: "Cenu zadajte ako číslo, napr. 150 000 alebo 650,50.",
    priceRange: "Cena od nemôže byť vyššia ako cena do.",
  },
  listing: {
    back: "← Späť na výsledky",
    notFound: "Inzerát sme nenašli alebo už nie je zverejnený.",
    price: "Cena",
    perMonth: " / mesiac",
    area: "Úžitková plocha",
    rooms: "Počet izieb",
    floor: "Poschodie",
    energyClass: "Energetická trieda",
    features: "Výbava",
    priceHistory: "Vývoj ceny",
    building: "O dome",
    address: "Adresa",
    yearBuilt: "Rok výstavby",
    totalFloors: "Počet podlaží",
    amenities: "Vybavenie domu",
    contact: "Kontakt",
    noPhoto: "Bez fotografie",
  },
  transactionType: { SALE: "Predaj", RENT: "Prenájom" } satisfies Record<TransactionType, string>,
  propertyType: { APARTMENT: "Byt", HOUSE: "Dom", COMMERCIAL: "Komerčný priestor", LAND: "Pozemok" } satisfies Record<PropertyType, string>,
  /** "1 inzerát", "3 inzeráty", "12 inzerátov" (Slovak plural forms). */
  resultCount(count: number): string {
    const form = plural.select(count);
    const noun = form === "one" ? "inzerát" : form === "few" ? "inzeráty" : "inzerátov";
    return `${new Intl.NumberFormat("sk-SK").format(count)} ${noun}`;
  },
};
