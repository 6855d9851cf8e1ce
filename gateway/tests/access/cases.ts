// One access case per root field of the graph that touches tenant data. The matrix test calls
// each with (a) no token, (b) a token of another organization, (c) a token of the owning
// organization WITHOUT the case's permission (and the case's further denied callers of A), and
// checks nothing of A leaks or changes.
// A new root field must get a case here or a place on the public allowlist: the test fails
// for any field that has neither. Cases of a module live in `<module>-cases.ts`.
import type { Permission } from "@ppt/server-kit";
import type { RoleKey } from "@ppt/property/organizations";
import { authCases, authProbes } from "./auth-cases.ts";
import { financialCases } from "./financial-cases.ts";
import { messagesCases } from "./messages-cases.ts";
import { metersCases } from "./meters-cases.ts";
import { organizationsCases, organizationsProbes } from "./organizations-cases.ts";
import { portalAccountProbes } from "./portal-account-cases.ts";
import { propertyCoreCases } from "./property-core-cases.ts";
import { rentalsCases } from "./rentals-cases.ts";
import { votingCases } from "./voting-cases.ts";
import type { World } from "./world.ts";

export interface AccessCase {
  /** `Query.<field>` or `Mutation.<field>` */
  field: string;
  document: string;
  variables: (world: World) => Record<string, unknown>;
  /**
   * The permission the owning organization's caller needs. Absent when the right is not a
   * permission (the giver of a delegation may revoke it): then `denied` names who is refused.
   */
  permission?: Permission;
  /**
   * byId: another tenant gets NOT_FOUND exactly as for a missing id.
   * list: another tenant gets an answer with none of A's objects.
   */
  kind: "byId" | "list";
  /**
   * byId: what a missing id gets when it is not NOT_FOUND: null from a nullable lookup, or
   * BAD_USER_INPUT where the id is one of a list of people to act with.
   */
  missingAs?: "null" | "BAD_USER_INPUT";
  /** Members of A who hold the permission and are still refused (not a participant, not the owner, …). */
  denied?: DeniedCaller[];
}

/** A member of A (made by world.ts, so minting their token changes nothing) with the roles the token carries. */
export interface MemberCaller {
  userId: string;
  organizationId: string;
  roles: RoleKey[];
}

export interface DeniedCaller {
  who: string;
  as: (world: World) => { userId: string; roles: RoleKey[] };
  /**
   * FORBIDDEN; "missing": what a missing id gets (NOT_FOUND, or the case's `missingAs`);
   * for a list: an answer without the named objects of A.
   */
  gets: "FORBIDDEN" | "missing" | { hidden: (world: World) => string[] };
}

/**
 * A call that is not an access case: an anonymous account flow given garbage or another's input,
 * or a self-service field given someone else's object. Nothing of A may change or be returned.
 */
export interface Probe {
  field: string;
  /** What is tried, for the test's name. */
  attempt: string;
  document: string;
  variables: (world: World) => Record<string, unknown>;
  /** Nobody (null), or a member of A or B. */
  caller: (world: World) => MemberCaller | null;
  /** The code; "missing": NOT_FOUND exactly as for a missing id; "answer": no error (and nothing of A in it). */
  gets: "UNAUTHENTICATED" | "BAD_USER_INPUT" | "FORBIDDEN" | "missing" | "answer";
}

/**
 * Fields anyone may call without a token: the public portal, liveness, and the account flows that
 * come before a token (each of those has a probe in `probes` proving it gives nothing of A).
 */
export const publicFields = new Set([
  "Query.propertyHealth",
  "Query.realityHealth",
  "Query.listing",
  "Query.searchListings",
  "Query.listingClusters",
  "Query.listingAvailability", // public listing pages answer 200/410/404; a draft and an unknown id are the same MISSING
  "Query.sitemapListings", // the published listings search engines are meant to find
  "Query.sitemapAgencies", // active agencies: their pages are public
  "Query.sitemapRealtors", // active realtors: their profiles are public
  "Query.listingCategories", // counts of published listings per kind, deal and city (what search facets show anyone)
  "Query.realtor",
  "Query.agency",
  "Query.agencyBySlug",
  "Mutation.recordListingView",
  "Mutation.register", // creates an account: there is nobody to authenticate yet
  "Mutation.verifyEmail", // the emailed one-time token is the credential
  "Mutation.login", // the password is the credential
  "Mutation.completeMfaLogin", // the mfaToken from login and a code are the credential
  "Mutation.refreshToken", // the refresh token is the credential (the access token has expired)
  "Mutation.requestPasswordReset", // the person cannot sign in; answers true for any address
  "Mutation.resetPassword", // the emailed one-time token is the credential
  "Mutation.unsubscribeFromNotifications", // the signed link of a mail is the credential
  "Query.webPushPublicKey", // the VAPID public key: public by design, every subscribing browser receives it
  "Mutation.issueClientToken", // client-credentials grant: the client id and secret are the credential
  "Mutation.acceptInvitation", // the emailed invitation token is the credential; newcomers have no account yet
  "Query.invitationByToken", // the emailed invitation token is the credential; the page shows it before sign-in
  "Mutation.registerPortalUser", // creates a portal account: there is nobody to authenticate yet
  "Mutation.verifyPortalEmail", // the emailed one-time token is the credential
  "Mutation.portalLogin", // the password is the credential
  "Mutation.requestPortalPasswordReset", // the person cannot sign in; answers true for any address
  "Mutation.resetPortalPassword", // the emailed one-time token is the credential
  "Mutation.refreshPortalToken", // the refresh token is the credential (the access token has expired)
  "Mutation.startPortalOidcLogin", // signing in with a provider starts before any token
  "Query.portalSignInProviders", // which sign-in buttons the portal shows: the deployment's configuration, no one's data
  "Mutation.completePortalOidcLogin", // the provider's code with the server-held PKCE verifier and state is the credential
  "Mutation.unsubscribeSavedSearchAlerts", // the signed link of a saved-search alert mail is the credential
  "Mutation.unsubscribeRealtorMail", // the signed link of a realtor's notification mail is the credential
  "Mutation.confirmAgencyDomain", // the token mailed to the agency's domain address is the credential
]);

/** Reality Portal fields of portal identities: their cases live in portal-cases.ts (run by reality-access.test.ts). */
export { portalFields } from "./portal-cases.ts";

/**
 * Fields any signed-in caller may call about themselves: checked for UNAUTHENTICATED without a
 * token; where one takes an id of someone else's object, a probe shows it is refused.
 */
export const selfFields = new Set([
  "Query.currentOrganization",
  "Query.me",
  "Query.mySessions",
  "Query.myDelegations",
  "Query.roles", // the system roles' table: the same for everyone
  "Mutation.logout",
  "Mutation.logoutAllSessions",
  "Mutation.revokeSession",
  "Mutation.changePassword",
  "Mutation.switchOrganization",
  "Mutation.enrollTotp",
  "Mutation.confirmTotp",
  "Mutation.disableTotp",
  "Mutation.createOrganization", // the founder becomes its administrator
  // The caller's own notification centre (one person's rows: notifications.test.ts shows that
  // another member and another organization reach none of them, RLS included).
  "Query.notifications",
  "Query.unreadNotificationCount",
  "Query.notificationPreferences",
  "Query.pushSubscriptions",
  "Mutation.markNotificationsRead",
  "Mutation.updateNotificationPreferences",
  "Mutation.registerPushSubscription",
  "Mutation.removePushSubscription",
]);

const notificationProbes: Probe[] = [
  {
    field: "Mutation.unsubscribeFromNotifications",
    attempt: "a made-up unsubscribe token",
    document: `mutation ($token: String!) { unsubscribeFromNotifications(token: $token) }`,
    variables: () => ({ token: "nie-je-to-token" }),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Mutation.unsubscribeSavedSearchAlerts",
    attempt: "a made-up unsubscribe token",
    document: `mutation ($token: String!) { unsubscribeSavedSearchAlerts(token: $token) }`,
    variables: () => ({ token: "nie-je-to-token" }),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Mutation.unsubscribeRealtorMail",
    attempt: "a made-up unsubscribe token",
    document: `mutation ($token: String!) { unsubscribeRealtorMail(token: $token) }`,
    variables: () => ({ token: "nie-je-to-token" }),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Mutation.confirmAgencyDomain",
    attempt: "a made-up domain-verification token",
    document: `mutation ($token: String!) { confirmAgencyDomain(token: $token) { id } }`,
    variables: () => ({ token: "nie-je-to-token" }),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
];

export const probes: Probe[] = [...authProbes, ...organizationsProbes, ...portalAccountProbes, ...notificationProbes];

export const accessCases: AccessCase[] = [
  ...propertyCoreCases,
  ...authCases,
  ...organizationsCases,
  ...messagesCases,
  ...votingCases,
  ...metersCases,
  ...financialCases,
  ...rentalsCases,
  {
    // A property manager lists a unit; the reality subgraph confirms the unit is the caller's organization's.
    field: "Mutation.publishUnitListing",
    document: `mutation ($unitId: ID!, $input: CreateListingInput!) { publishUnitListing(unitId: $unitId, input: $input) { id unit { id } } }`,
    variables: (w) => ({
      unitId: w.unitA,
      input: {
        propertyType: "APARTMENT",
        transactionType: "SALE",
        title: "Byt na predaj",
        street: "Hlavná",
        city: "Košice",
        price: "100000",
        energyClass: "B",
      },
    }),
    permission: "listings:publish",
    kind: "byId",
  },
  {
    field: "Query.buildings",
    document: `{ buildings(first: 50) { totalCount edges { node { id street } } } }`,
    variables: () => ({}),
    permission: "buildings:read",
    kind: "list",
  },
  {
    field: "Query.building",
    document: `query ($id: ID!) { building(id: $id) { id street units { id } } }`,
    variables: (w) => ({ id: w.buildingA }),
    permission: "buildings:read",
    kind: "byId",
  },
  {
    field: "Query.unit",
    document: `query ($id: ID!) { unit(id: $id) { id designation } }`,
    variables: (w) => ({ id: w.unitA }),
    permission: "buildings:read",
    kind: "byId",
  },
];
