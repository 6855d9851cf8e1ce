// A resident's meters and submitting a reading (with an optional photo of the display, uploaded
// as METER_READING_PHOTO) with the idempotency key the mobile app's offline queue gives each reading.
import { graphql } from "../generated/gql.ts";

export const MyMeters = graphql(`
  query MyMeters {
    meters {
      id
      kind
      serialNumber
      unitOfMeasure
      location
      unit {
        id
        designation
      }
      lastReading {
        id
        value
        readAt
        status
      }
    }
  }
`);

export const SubmitQueuedMeterReading = graphql(`
  mutation SubmitQueuedMeterReading($input: SubmitMeterReadingInput!, $idempotencyKey: String) {
    submitMeterReading(input: $input, idempotencyKey: $idempotencyKey) {
      id
      value
      readAt
      status
      meter {
        id
        lastReading {
          id
          value
          readAt
          status
        }
      }
    }
  }
`);
