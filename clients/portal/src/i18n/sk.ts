// Every text the portal shows, in Slovak: the reference dictionary. Its shape is the `Messages`
// type every other language must fill completely (en.ts), so a key added here and missing there
// fails the typecheck.
import type { AgencyRole, EnergyClass, InquiryStatus, ListingAvailability, PropertyType, SavedSearchFrequency, TransactionType } from "../generated/graphql.ts";
import { pluralFor, skServerErrors, type RefusalWording } from "@ppt/client-shared";

const plural = pluralFor("sk");

/** The feature keys listings use (reality.listing_features). */
const FEATURES = {
  balkon: "Balkón",
  lodzia: "Lodžia",
  vytah: "Výťah",
  parkovanie: "Parkovanie",
  pivnica: "Pivnica",
  novostavba: "Novostavba",
  klimatizacia: "Klimatizácia",
  terasa: "Terasa",
  zahrada: "Záhrada",
  garaz: "Garáž",
} satisfies Record<FeatureKey, string>;

export const sk = {
  language: "Jazyk",
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
  account: {
    signInLink: "Prihlásiť sa",
    menu: "Môj účet",
    favorites: "Obľúbené",
    savedSearches: "Uložené hľadania",
    inquiries: "Moje dopyty",
    signOut: "Odhlásiť sa",
    email: "E-mail",
    password: "Heslo",
    newPassword: "Nové heslo (aspoň 10 znakov)",
    displayName: "Meno a priezvisko",
    signInHeading: "Prihlásenie",
    signIn: "Prihlásiť sa",
    noAccount: "Nemáte účet?",
    registerLink: "Zaregistrujte sa",
    forgotLink: "Zabudli ste heslo?",
    registerHeading: "Registrácia",
    register: "Zaregistrovať sa",
    registered: "Hotovo. Na zadanú adresu sme poslali e-mail: potvrďte v ňom svoju adresu. Ak už účet máte, e-mail vám to pripomenie.",
    forgotHeading: "Zabudnuté heslo",
    forgotHelp: "Zadajte e-mail svojho účtu a pošleme vám odkaz na nastavenie nového hesla.",
    sendResetLink: "Poslať odkaz",
    resetLinkSent: "Ak k adrese patrí účet, poslali sme na ňu odkaz na nové heslo. Platí jednu hodinu.",
    resetHeading: "Nové heslo",
    resetSubmit: "Nastaviť heslo",
    resetDone: "Heslo je zmenené. Prihláste sa ním; ostatné prihlásenia sme ukončili.",
    resetNoToken: "Odkaz na obnovu hesla je neúplný. Otvorte ho, prosím, znova z e-mailu.",
    passwordTooShort: "Heslo musí mať aspoň 10 znakov.",
    verifyHeading: "Potvrdenie e-mailu",
    verifyHelp: "Potvrďte, že táto adresa patrí vám.",
    verifySubmit: "Potvrdiť adresu",
    verifyDone: "Adresa je potvrdená. Ďakujeme.",
    verifyNoToken: "Odkaz na potvrdenie je neúplný. Otvorte ho, prosím, znova z e-mailu.",
    signInRequired: "Táto stránka je len pre prihlásených.",
    signInToContinue: "Prihláste sa",
    backToSignIn: "Späť na prihlásenie",
    /** Sign-in's, registration's and a reset request's own wording for the server's codes; any other code reads as in `errors`. */
    refused: {
      UNAUTHENTICATED: "Nesprávny e-mail alebo heslo.",
      other: "Nepodarilo sa to. Skúste to, prosím, znova.",
    } as RefusalWording,
    /** A verification token that is wrong, used or expired answers BAD_USER_INPUT. */
    verifyRefused: {
      BAD_USER_INPUT: "Odkaz už neplatí alebo bol použitý.",
      other: "Adresu sa nepodarilo potvrdiť. Skúste to, prosím, znova.",
    } as RefusalWording,
    /** A reset token that is wrong, used or expired answers BAD_USER_INPUT. */
    resetRefused: {
      BAD_USER_INPUT: "Odkaz už neplatí alebo heslo nie je dosť dlhé. Vyžiadajte si nový odkaz, ak treba.",
      other: "Heslo sa nepodarilo zmeniť. Skúste to, prosím, znova.",
    } as RefusalWording,
  },
  favorites: {
    heading: "Obľúbené inzeráty",
    add: "☆ Uložiť",
    remove: "★ Uložené",
    addLabel: "Uložiť medzi obľúbené",
    removeLabel: "Odobrať z obľúbených",
    none: "Zatiaľ nemáte uložený žiadny inzerát. Uložte si ho hviezdičkou pri inzeráte.",
    failed: "Zmenu sa nepodarilo uložiť. Skúste to znova.",
  },
  savedSearches: {
    heading: "Uložené hľadania",
    save: "Uložiť hľadanie",
    name: "Názov hľadania",
    notify: "Posielať mi nové inzeráty e-mailom",
    confirm: "Uložiť",
    cancel: "Zrušiť",
    saved: "Hľadanie je uložené.",
    showList: "Zobraziť uložené hľadania",
    none: "Nemáte uložené žiadne hľadanie. Na stránke hľadania ho uložíte tlačidlom „Uložiť hľadanie“.",
    run: "Hľadať",
    remove: "Zmazať",
    notifying: "Upozornenia zapnuté",
    allListings: "Všetky inzeráty",
    priceFrom: "od",
    priceTo: "do",
    failed: {
      BAD_USER_INPUT: "Hľadanie sa nedá uložiť: skontrolujte názov, alebo už máte uložených priveľa hľadaní.",
      other: "Nepodarilo sa to. Skúste to, prosím, znova.",
    } as RefusalWording,
  },
  inquiries: {
    heading: "Moje dopyty",
    formHeading: "Opýtajte sa realitného makléra",
    message: "Vaša správa",
    messagePlaceholder: "Dobrý deň, mám záujem o obhliadku…",
    phone: "Telefón (nepovinné)",
    send: "Odoslať dopyt",
    sent: "Dopyt sme odoslali. Odpoveď nájdete v časti „Moje dopyty“ a príde vám aj e-mailom.",
    signInToAsk: "Ak sa chcete opýtať na tento inzerát, prihláste sa.",
    tooShort: "Správa musí mať aspoň 10 znakov.",
    none: "Zatiaľ ste neposlali žiadny dopyt.",
    listingGone: "Inzerát už nie je zverejnený",
    response: "Odpoveď",
    noResponse: "Zatiaľ bez odpovede.",
    sentAt: "Odoslané",
    status: { NEW: "Odoslaný", ANSWERED: "Zodpovedaný", CLOSED: "Uzavretý", SPAM: "Uzavretý" } satisfies Record<InquiryStatus, string>,
    /** Why an inquiry was refused, by the server's `extensions.code`. */
    refused: {
      RATE_LIMITED: "Poslali ste priveľa dopytov za poslednú hodinu. Skúste to, prosím, neskôr.",
      BAD_USER_INPUT: "Skontrolujte správu (10 až 5 000 znakov) a telefón.",
      NOT_FOUND: "Inzerát už nie je zverejnený.",
      FORBIDDEN: "Z tohto účtu nie je možné posielať dopyty.",
      other: "Dopyt sa nepodarilo odoslať. Skúste to, prosím, znova.",
    } as RefusalWording,
  },
  transactionType: { SALE: "Predaj", RENT: "Prenájom" } satisfies Record<TransactionType, string>,
  propertyType: { APARTMENT: "Byt", HOUSE: "Dom", COMMERCIAL: "Komerčný priestor", LAND: "Pozemok" } satisfies Record<PropertyType, string>,
  /** The portal's feature keys by name; a key a feed made up reads as words ("bazen_vonkajsi" → "Bazen vonkajsi"). */
  features: FEATURES as Record<FeatureKey, string>,
  featureLabel: (key: string) => featureLabel(FEATURES, key),
  /** "1 inzerát", "3 inzeráty", "12 inzerátov" (Slovak plural forms). */
  resultCount: (count: number) => `${new Intl.NumberFormat("sk-SK").format(count)} ${plural(count, { one: "inzerát", few: "inzeráty", other: "inzerátov" })}`,
  /** Energy classes are written the same in every language (STN EN ISO 52000 labels). */
  energyClass: { A0: "A0", A1: "A1", A: "A", B: "B", C: "C", D: "D", E: "E", F: "F", G: "G" } satisfies Record<EnergyClass, string>,
  savedSearchFrequency: { INSTANT: "Hneď", DAILY: "Denne", WEEKLY: "Týždenne" } satisfies Record<SavedSearchFrequency, string>,
  agencyRole: { OWNER: "majiteľ", ADMIN: "správca", REALTOR: "maklér" } satisfies Record<AgencyRole, string>,
  /** What a listing's address answers when it is not shown (the server's 200, 410 and 404). */
  listingAvailability: {
    PUBLISHED: "Zverejnený",
    REMOVED: "Inzerát už nie je v ponuke.",
    MISSING: "Inzerát sme nenašli.",
  } satisfies Record<ListingAvailability, string>,
  errors: skServerErrors({
    NOT_FOUND: "Hľadaný záznam neexistuje alebo už nie je zverejnený.",
    GRAPHQL_VALIDATION_FAILED: "Stránka je zastaraná. Obnovte ju.",
  }),
  profiles: {
    agencyNotFound: "Realitnú kanceláriu sme nenašli.",
    realtorNotFound: "Makléra sme nenašli.",
    unverified: "Kancelária zatiaľ nie je overená.",
    areasServed: "Pôsobí v",
    realtors: "Makléri",
    listings: "Ponuky",
    noListings: "Žiadne zverejnené ponuky.",
    languages: "Jazyky",
    licenses: "Licencie a registrácie",
    agencies: "Kancelárie",
    contact: "Kontakt",
    searchTitle: (place: string) => `Nehnuteľnosti ${place}`,
  },
  unsubscribe: {
    heading: "Odhlásenie upozornení",
    searchHelp: "Už nechcete dostávať e-maily o nových ponukách pre toto uložené hľadanie?",
    realtorHelp: "Už nechcete dostávať e-maily o dopytoch, obhliadkach a končiacich ponukách?",
    submit: "Odhlásiť upozornenia",
    done: "Hotovo: tieto e-maily vám už nepošleme.",
    noToken: "Odkaz na odhlásenie je neúplný. Otvorte ho, prosím, znova z e-mailu.",
    /** A token that is not genuine answers BAD_USER_INPUT. */
    refused: {
      BAD_USER_INPUT: "Odkaz na odhlásenie neplatí.",
      other: "Upozornenia sa nepodarilo odhlásiť. Skúste to, prosím, znova.",
    } as RefusalWording,
  },
};

/** The shape every language fills: the same keys, the same functions. */
export type Messages = typeof sk;

/** The feature keys the portal names (a feed may send others: they read as words). */
export type FeatureKey = "balkon" | "lodzia" | "vytah" | "parkovanie" | "pivnica" | "novostavba" | "klimatizacia" | "terasa" | "zahrada" | "garaz";

/** A feature's name; a key a feed made up reads as words ("bazen_vonkajsi" → "Bazen vonkajsi"), never raw. */
export function featureLabel(names: Record<FeatureKey, string>, key: string): string {
  const known = (names as Record<string, string>)[key];
  if (known) return known;
  const words = key.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
