// The realtor console's operations: the caller's listings and one listing to edit, its photos,
// publishing, the bulk edit, feed imports, the inbox (inquiries and viewing requests), statistics
// and the agency's onboarding (registration, invitations). Typed by codegen from the supergraph.
import { graphql } from "../generated/gql.ts";

export const ConsoleMe = graphql(`
  query ConsoleMe {
    myRealtorProfile {
      id
      displayName
      agencies {
        role
        agency {
          id
          name
          slug
          verified
          realtors {
            realtor {
              id
              displayName
            }
          }
        }
      }
    }
  }
`);

export const MyListings = graphql(`
  query MyListings($status: ListingStatus, $first: Int!, $after: String) {
    myListings(status: $status, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          title
          status
          city
          propertyType
          transactionType
          price {
            amount
            currency
          }
          publishedAt
          expiresAt
          realtor {
            id
            displayName
          }
          agency {
            id
          }
          counters {
            views
            favorites
            inquiries
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ConsoleListing = graphql(`
  query ConsoleListing($id: ID!) {
    listing(id: $id) {
      id
      title
      description
      status
      propertyType
      transactionType
      street
      city
      district
      addressVisibility
      postalCode
      price {
        amount
        currency
      }
      sizeSqm
      rooms
      floor
      energyClass
      publishedAt
      expiresAt
      agency {
        id
        name
      }
      photos {
        id
        url
        position
        caption
      }
    }
  }
`);

export const CreateListing = graphql(`
  mutation CreateListing($input: CreateListingInput!) {
    createListing(input: $input) {
      id
    }
  }
`);

export const UpdateListing = graphql(`
  mutation UpdateListing($id: ID!, $input: UpdateListingInput!) {
    updateListing(id: $id, input: $input) {
      id
      title
      description
      price {
        amount
        currency
      }
      sizeSqm
      rooms
      energyClass
      expiresAt
    }
  }
`);

export const PublishListing = graphql(`
  mutation PublishListing($id: ID!) {
    publishListing(id: $id) {
      id
      status
      publishedAt
      expiresAt
    }
  }
`);

export const ArchiveListing = graphql(`
  mutation ArchiveListing($id: ID!) {
    archiveListing(id: $id) {
      id
      status
    }
  }
`);

export const RequestPhotoUpload = graphql(`
  mutation RequestPhotoUpload($listingId: ID!, $input: PhotoUploadInput!) {
    requestListingPhotoUpload(listingId: $listingId, input: $input) {
      photo {
        id
      }
      uploadUrl
      uploadHeaders {
        name
        value
      }
    }
  }
`);

export const ConfirmPhoto = graphql(`
  mutation ConfirmPhoto($photoId: ID!) {
    confirmListingPhoto(photoId: $photoId) {
      id
      confirmed
    }
  }
`);

export const RemovePhoto = graphql(`
  mutation RemovePhoto($photoId: ID!) {
    removeListingPhoto(photoId: $photoId)
  }
`);

export const ReorderPhotos = graphql(`
  mutation ReorderPhotos($listingId: ID!, $photoIds: [ID!]!) {
    reorderListingPhotos(listingId: $listingId, photoIds: $photoIds) {
      id
      position
    }
  }
`);

export const BulkUpdate = graphql(`
  mutation BulkUpdate($input: [ListingPatch!]!) {
    bulkUpdateListings(input: $input) {
      applied
      failed
      results {
        index
        id
        ok
        code
        message
      }
    }
  }
`);

export const ImportFeed = graphql(`
  mutation ImportFeed($agencyId: ID!, $xml: String!, $full: Boolean, $confirmArchive: Boolean) {
    importListingFeed(agencyId: $agencyId, xml: $xml, full: $full, confirmArchive: $confirmArchive) {
      ...ImportRunFields
    }
  }
`);

export const ImportRunFields = graphql(`
  fragment ImportRunFields on ImportRun {
    id
    status
    fullFeed
    startedAt
    finishedAt
    created
    updated
    unchanged
    archived
    failed
    errors {
      index
      externalId
      code
      message
    }
  }
`);

export const ImportRuns = graphql(`
  query ImportRuns($agencyId: ID!) {
    importRuns(agencyId: $agencyId, first: 10) {
      edges {
        node {
          ...ImportRunFields
        }
      }
    }
  }
`);

export const ReceivedInquiries = graphql(`
  query ReceivedInquiries {
    receivedInquiries(first: 50) {
      totalCount
      edges {
        node {
          id
          name
          email
          phone
          message
          status
          createdAt
          listing {
            id
            title
          }
          responses {
            id
            body
            createdAt
          }
        }
      }
    }
  }
`);

export const RespondToInquiry = graphql(`
  mutation RespondToInquiry($inquiryId: ID!, $body: String!) {
    respondToInquiry(inquiryId: $inquiryId, body: $body) {
      id
      status
      responses {
        id
        body
        createdAt
      }
    }
  }
`);

export const ReceivedViewings = graphql(`
  query ReceivedViewings {
    receivedViewings(first: 50) {
      totalCount
      edges {
        node {
          id
          status
          proposedTimes
          confirmedTime
          message
          requester {
            name
            email
            phone
          }
          createdAt
          listing {
            id
            title
          }
        }
      }
    }
  }
`);

export const ConfirmViewing = graphql(`
  mutation ConfirmViewing($viewingId: ID!, $time: DateTime!) {
    confirmViewing(viewingId: $viewingId, time: $time) {
      id
      status
      confirmedTime
    }
  }
`);

export const DeclineViewing = graphql(`
  mutation DeclineViewing($viewingId: ID!) {
    declineViewing(viewingId: $viewingId) {
      id
      status
    }
  }
`);

export const ListingStats = graphql(`
  query ListingStats($listingId: ID!, $from: LocalDate!, $to: LocalDate!) {
    listingStats(listingId: $listingId, from: $from, to: $to) {
      totals {
        views
        favorites
        inquiries
      }
      days {
        day
        views
        favorites
        inquiries
      }
    }
  }
`);

export const RegisterAgency = graphql(`
  mutation RegisterAgency($input: RegisterAgencyInput!) {
    registerAgency(input: $input) {
      id
      name
      slug
      verified
    }
  }
`);

export const InviteRealtor = graphql(`
  mutation InviteRealtor($agencyId: ID!, $email: String!, $role: AgencyRole) {
    inviteRealtor(agencyId: $agencyId, email: $email, role: $role) {
      id
      email
      role
      expiresAt
    }
  }
`);

export const AcceptInvitation = graphql(`
  mutation AcceptInvitation($token: String!) {
    acceptAgencyInvitation(token: $token) {
      role
      agency {
        id
        name
      }
    }
  }
`);
