// Access cases of the Reality Portal's root fields that portal identities (portal users,
// realtors, agency admins) use: they carry no tenant permission, so the organization matrix
// cannot exercise them. gateway/tests/reality-access.test.ts runs each as nobody, as an outsider
// realtor (another agency's admin) and as PPT staff, and checks nothing of A leaks or changes.
export interface PortalWorld {
  agencyA: string;
  realtorA: string;
  listingA: string;
  publishedA: string;
  photoA: string;
  inquiryA: string;
  viewingA: string;
  savedSearchA: string;
}

/**
 * NOT_FOUND / FORBIDDEN / BAD_USER_INPUT: the code an outsider (or staff) gets (BAD_USER_INPUT: a
 * made-up token, where the token is what grants access);
 * "own": the field acts on the caller's own data (lists, new objects), so only "no leak" is checked;
 * "skip": not run for that caller (it would legitimately create the caller's own objects).
 */
export type Expectation = "NOT_FOUND" | "FORBIDDEN" | "BAD_USER_INPUT" | "own" | "skip";

export interface PortalCase {
  field: string;
  document: string;
  variables: (w: PortalWorld) => Record<string, unknown>;
  outsider: Expectation;
  staff: Expectation;
}

const day = new Date().toISOString().slice(0, 10);
const later = () => new Date(Date.now() + 86_400_000).toISOString();
const FLAT = { propertyType: "APARTMENT", transactionType: "SALE", title: "Byt na skúšku", street: "Hlavná", city: "Košice", price: "1000" };

export const portalCases: PortalCase[] = [
  { field: "Query.myListings", document: `{ myListings(first: 50) { edges { node { id } } } }`, variables: () => ({}), outsider: "own", staff: "own" },
  { field: "Query.myFavorites", document: `{ myFavorites { edges { node { id } } } }`, variables: () => ({}), outsider: "own", staff: "FORBIDDEN" },
  { field: "Query.mySavedSearches", document: `{ mySavedSearches { id filter } }`, variables: () => ({}), outsider: "own", staff: "FORBIDDEN" },
  { field: "Query.myRealtorProfile", document: `{ myRealtorProfile { id } }`, variables: () => ({}), outsider: "own", staff: "own" },
  { field: "Query.myInquiries", document: `{ myInquiries { edges { node { id message } } } }`, variables: () => ({}), outsider: "own", staff: "FORBIDDEN" },
  { field: "Query.myViewings", document: `{ myViewings { edges { node { id } } } }`, variables: () => ({}), outsider: "own", staff: "FORBIDDEN" },
  {
    field: "Query.receivedInquiries",
    document: `query ($l: ID) { receivedInquiries(listingId: $l) { edges { node { id message } } } }`,
    variables: (w) => ({ l: w.publishedA }),
    outsider: "own",
    staff: "own",
  },
  { field: "Query.receivedViewings", document: `{ receivedViewings { edges { node { id } } } }`, variables: () => ({}), outsider: "own", staff: "own" },
  {
    field: "Query.listingStats",
    document: `query ($id: ID!, $d: LocalDate!) { listingStats(listingId: $id, from: $d, to: $d) { totals { views } } }`,
    variables: (w) => ({ id: w.listingA, d: day }),
    outsider: "NOT_FOUND",
    staff: "NOT_FOUND",
  },
  {
    field: "Query.agencyStats",
    document: `query ($id: ID!, $d: LocalDate!) { agencyStats(agencyId: $id, from: $d, to: $d) { totals { views } } }`,
    variables: (w) => ({ id: w.agencyA, d: day }),
    outsider: "NOT_FOUND",
    staff: "NOT_FOUND",
  },
  {
    field: "Query.importRuns",
    document: `query ($a: ID!) { importRuns(agencyId: $a) { totalCount } }`,
    variables: (w) => ({ a: w.agencyA }),
    outsider: "NOT_FOUND",
    staff: "FORBIDDEN",
  },
  {
    field: "Query.exportListingFeed",
    document: `query ($a: ID!) { exportListingFeed(agencyId: $a) }`,
    variables: (w) => ({ a: w.agencyA }),
    outsider: "NOT_FOUND",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.createListing",
    document: `mutation ($i: CreateListingInput!) { createListing(input: $i) { id } }`,
    variables: () => ({ i: FLAT }),
    outsider: "skip",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.updateListing",
    document: `mutation ($id: ID!) { updateListing(id: $id, input: { price: "1" }) { id } }`,
    variables: (w) => ({ id: w.listingA }),
    outsider: "NOT_FOUND",
    staff: "NOT_FOUND",
  },
  {
    field: "Mutation.publishListing",
    document: `mutation ($id: ID!) { publishListing(id: $id) { id } }`,
    variables: (w) => ({ id: w.listingA }),
    outsider: "NOT_FOUND",
    staff: "NOT_FOUND",
  },
  {
    field: "Mutation.changeListingStatus",
    document: `mutation ($id: ID!) { changeListingStatus(id: $id, status: ARCHIVED) { id } }`,
    variables: (w) => ({ id: w.publishedA }),
    outsider: "NOT_FOUND",
    staff: "NOT_FOUND",
  },
  {
    field: "Mutation.archiveListing",
    document: `mutation ($id: ID!) { archiveListing(id: $id) { id } }`,
    variables: (w) => ({ id: w.publishedA }),
    outsider: "NOT_FOUND",
    staff: "NOT_FOUND",
  },
  {
    field: "Mutation.requestListingPhotoUpload",
    document: `mutation ($id: ID!) { requestListingPhotoUpload(listingId: $id, input: { fileName: "a.jpg", contentType: "image/jpeg", size: 1000 }) { uploadUrl } }`,
    variables: (w) => ({ id: w.listingA }),
    outsider: "NOT_FOUND",
    staff: "NOT_FOUND",
  },
  {
    field: "Mutation.confirmListingPhoto",
    document: `mutation ($id: ID!) { confirmListingPhoto(photoId: $id) { id } }`,
    variables: (w) => ({ id: w.photoA }),
    outsider: "NOT_FOUND",
    staff: "NOT_FOUND",
  },
  {
    field: "Mutation.removeListingPhoto",
    document: `mutation ($id: ID!) { removeListingPhoto(photoId: $id) }`,
    variables: (w) => ({ id: w.photoA }),
    outsider: "NOT_FOUND",
    staff: "NOT_FOUND",
  },
  {
    field: "Mutation.reorderListingPhotos",
    document: `mutation ($id: ID!, $p: [ID!]!) { reorderListingPhotos(listingId: $id, photoIds: $p) { id } }`,
    variables: (w) => ({ id: w.listingA, p: [w.photoA] }),
    outsider: "NOT_FOUND",
    staff: "NOT_FOUND",
  },
  {
    field: "Mutation.addFavorite",
    document: `mutation ($id: ID!) { addFavorite(listingId: $id) { id } }`,
    variables: (w) => ({ id: w.publishedA }),
    outsider: "skip",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.removeFavorite",
    document: `mutation ($id: ID!) { removeFavorite(listingId: $id) }`,
    variables: (w) => ({ id: w.publishedA }),
    outsider: "own",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.saveSearch",
    document: `mutation { saveSearch(input: { name: "x", filter: { city: "Košice" } }) { id } }`,
    variables: () => ({}),
    outsider: "skip",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.deleteSavedSearch",
    document: `mutation ($id: ID!) { deleteSavedSearch(id: $id) }`,
    variables: (w) => ({ id: w.savedSearchA }),
    outsider: "NOT_FOUND",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.updateMyRealtorProfile",
    document: `mutation { updateMyRealtorProfile(input: { bio: "x" }) { id } }`,
    variables: () => ({}),
    outsider: "skip",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.addMyRealtorLicense",
    document: `mutation { addMyRealtorLicense(input: { number: "X-1", issuer: "X", validFrom: "2024-01-01" }) { id } }`,
    variables: () => ({}),
    outsider: "skip",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.registerAgency",
    document: `mutation { registerAgency(input: { name: "Nová", slug: "nova-x", ico: "35757442", email: "info@nova-x.sk" }) { id } }`,
    variables: () => ({}),
    outsider: "skip",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.updateAgency",
    document: `mutation ($a: ID!) { updateAgency(agencyId: $a, input: { areasServed: ["Košice"] }) { id } }`,
    variables: (w) => ({ a: w.agencyA }),
    outsider: "NOT_FOUND",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.verifyAgency",
    document: `mutation ($a: ID!) { verifyAgency(agencyId: $a) { verified } }`,
    variables: (w) => ({ a: w.agencyA }),
    outsider: "FORBIDDEN",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.inviteRealtor",
    document: `mutation ($a: ID!) { inviteRealtor(agencyId: $a, email: "novy@example.sk") { id } }`,
    variables: (w) => ({ a: w.agencyA }),
    outsider: "NOT_FOUND",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.acceptAgencyInvitation",
    document: `mutation { acceptAgencyInvitation(token: "nie-je-to-pozvanka") { role } }`,
    variables: () => ({}),
    outsider: "BAD_USER_INPUT",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.addAgencyRealtor",
    document: `mutation ($a: ID!, $r: ID!) { addAgencyRealtor(agencyId: $a, realtorId: $r, role: ADMIN) { role } }`,
    variables: (w) => ({ a: w.agencyA, r: w.realtorA }),
    outsider: "NOT_FOUND",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.removeAgencyRealtor",
    document: `mutation ($a: ID!, $r: ID!) { removeAgencyRealtor(agencyId: $a, realtorId: $r) }`,
    variables: (w) => ({ a: w.agencyA, r: w.realtorA }),
    outsider: "NOT_FOUND",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.sendInquiry",
    document: `mutation ($id: ID!) { sendInquiry(input: { listingId: $id, message: "Dobrý deň, máte záujem?" }) { id } }`,
    variables: (w) => ({ id: w.publishedA }),
    outsider: "skip",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.respondToInquiry",
    document: `mutation ($id: ID!) { respondToInquiry(inquiryId: $id, body: "x") { id } }`,
    variables: (w) => ({ id: w.inquiryA }),
    outsider: "NOT_FOUND",
    staff: "NOT_FOUND",
  },
  {
    field: "Mutation.setInquiryStatus",
    document: `mutation ($id: ID!) { setInquiryStatus(inquiryId: $id, status: SPAM) { id } }`,
    variables: (w) => ({ id: w.inquiryA }),
    outsider: "NOT_FOUND",
    staff: "NOT_FOUND",
  },
  {
    field: "Mutation.requestViewing",
    document: `mutation ($id: ID!, $t: DateTime!) { requestViewing(input: { listingId: $id, proposedTimes: [$t] }) { id } }`,
    variables: (w) => ({ id: w.publishedA, t: later() }),
    outsider: "skip",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.confirmViewing",
    document: `mutation ($id: ID!, $t: DateTime!) { confirmViewing(viewingId: $id, time: $t) { id } }`,
    variables: (w) => ({ id: w.viewingA, t: later() }),
    outsider: "NOT_FOUND",
    staff: "NOT_FOUND",
  },
  {
    field: "Mutation.declineViewing",
    document: `mutation ($id: ID!) { declineViewing(viewingId: $id) { id } }`,
    variables: (w) => ({ id: w.viewingA }),
    outsider: "NOT_FOUND",
    staff: "NOT_FOUND",
  },
  {
    field: "Mutation.cancelViewing",
    document: `mutation ($id: ID!) { cancelViewing(viewingId: $id) { id } }`,
    variables: (w) => ({ id: w.viewingA }),
    outsider: "NOT_FOUND",
    staff: "FORBIDDEN",
  },
  {
    field: "Mutation.bulkUpdateListings",
    document: `mutation ($id: ID!) { bulkUpdateListings(input: [{ id: $id, price: "1" }]) { applied results { code } } }`,
    variables: (w) => ({ id: w.listingA }),
    outsider: "own",
    staff: "own",
  },
  {
    field: "Mutation.importListingFeed",
    document: `mutation ($a: ID!) { importListingFeed(agencyId: $a, xml: "<listings/>") { id } }`,
    variables: (w) => ({ a: w.agencyA }),
    outsider: "NOT_FOUND",
    staff: "FORBIDDEN",
  },
  // Portal accounts (accounts module): a portal token's own account; staff tokens are not portal accounts.
  { field: "Query.portalMe", document: `{ portalMe { id email realtorProfile { id } } }`, variables: () => ({}), outsider: "own", staff: "FORBIDDEN" },
  { field: "Mutation.portalLogout", document: `mutation { portalLogout }`, variables: () => ({}), outsider: "own", staff: "FORBIDDEN" },
  {
    // The code and state of a provider's redirect are the proof; made up, they link nothing.
    field: "Mutation.linkPortalOidcProvider",
    document: `mutation { linkPortalOidcProvider(provider: "test", code: "kod", state: "stav") { id linkedProviders } }`,
    variables: () => ({}),
    outsider: "BAD_USER_INPUT",
    staff: "FORBIDDEN",
  },
  {
    // A's realtor profile is claimed already (and its address is not the outsider's): it looks missing.
    field: "Mutation.linkRealtorProfile",
    document: `mutation ($id: ID!) { linkRealtorProfile(realtorId: $id) { id } }`,
    variables: (w) => ({ id: w.realtorA }),
    outsider: "NOT_FOUND",
    staff: "FORBIDDEN",
  },
];

export const portalFields = new Set(portalCases.map((c) => c.field));
