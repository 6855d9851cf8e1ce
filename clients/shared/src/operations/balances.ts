// An owner's money: what each of their units owes, their prescriptions and invoices, and the
// payments received. The graph answers a person only for the units they own (a tenant who owns
// nothing sees null balances and no invoices), staff for the organization.
import { graphql } from "../generated/gql.ts";

export const MyBalances = graphql(`
  query MyBalances {
    buildings(first: 20) {
      edges {
        node {
          id
          street
          streetNumber
          city
          units {
            id
            designation
            balance {
              amount
              currency
            }
          }
        }
      }
    }
    invoices(first: 20) {
      totalCount
      edges {
        node {
          id
          number
          status
          issuedOn
          dueOn
          periodFrom
          isCreditNote
          variableSymbol
          total {
            amount
            currency
          }
          amountDue {
            amount
            currency
          }
          unit {
            id
            designation
          }
        }
      }
    }
    payments(first: 10) {
      edges {
        node {
          id
          paidOn
          method
          reference
          amount {
            amount
            currency
          }
          unit {
            id
            designation
          }
        }
      }
    }
  }
`);

/** One invoice to pay: what is due, the variable symbol and the PAY by square payload (asked of one invoice: it is costly). */
export const InvoicePayment = graphql(`
  query InvoicePayment($id: ID!) {
    invoice(id: $id) {
      id
      number
      status
      issuedOn
      dueOn
      isCreditNote
      variableSymbol
      total {
        amount
        currency
      }
      amountDue {
        amount
        currency
      }
      unit {
        id
        designation
      }
      payeeIban
      payBySquare
    }
  }
`);

/** What of each of the caller's units is past due, by age (owners: their units; staff: the organization's). */
export const MyArrears = graphql(`
  query MyArrears {
    arrears {
      unit {
        id
      }
      balance {
        amount
        currency
      }
      notYetDue {
        amount
        currency
      }
      days0to30 {
        amount
        currency
      }
      days31to60 {
        amount
        currency
      }
      days61to90 {
        amount
        currency
      }
      over90 {
        amount
        currency
      }
    }
  }
`);
