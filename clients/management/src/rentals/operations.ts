// The short-term rentals the management app shows: a unit's reservations, one reservation with
// its guests, and the changes the graph allows (create, new dates or guest count, cancel, guests).
import { graphql } from "../generated/gql.ts";

export const UnitReservations = graphql(`
  query UnitReservations($unitId: ID!, $after: String) {
    reservations(unitId: $unitId, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          source
          checkIn
          checkOut
          nights
          guestCount
          contactName
          totalPrice
          currency
        }
      }
    }
  }
`);

export const ReservationDetail = graphql(`
  query ReservationDetail($id: ID!) {
    reservation(id: $id) {
      id
      status
      source
      checkIn
      checkOut
      nights
      guestCount
      contactName
      contactEmail
      contactPhone
      totalPrice
      currency
      note
      unit {
        id
        designation
      }
      guests {
        id
        firstName
        lastName
        nationality
        documentType
        documentNumber
        stayFrom
        stayTo
        isForeign
      }
    }
  }
`);

export const CreateReservation = graphql(`
  mutation CreateReservation($input: CreateReservationInput!) {
    createReservation(input: $input) {
      id
      status
    }
  }
`);

export const UpdateReservation = graphql(`
  mutation UpdateReservation($id: ID!, $input: UpdateReservationInput!) {
    updateReservation(id: $id, input: $input) {
      id
      checkIn
      checkOut
      nights
      guestCount
      contactName
      note
    }
  }
`);

export const CancelReservation = graphql(`
  mutation CancelReservation($id: ID!) {
    cancelReservation(id: $id) {
      id
      status
    }
  }
`);

export const AddGuest = graphql(`
  mutation AddGuest($reservationId: ID!, $input: GuestInput!) {
    addGuest(reservationId: $reservationId, input: $input) {
      id
    }
  }
`);

export const RemoveGuest = graphql(`
  mutation RemoveGuest($id: ID!) {
    removeGuest(id: $id)
  }
`);
