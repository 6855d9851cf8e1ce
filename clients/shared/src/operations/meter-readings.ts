// A unit's meters with their readings, and a resident's reading (with a photo of the display sent
// on the presigned upload flow of faults.ts, purpose METER_READING_PHOTO). The reading carries an
// idempotency key so that a resend (a retried form, the mobile app's offline queue) stores one reading.
import { graphql } from "../generated/gql.ts";

export const UnitMeters = graphql(`
  query UnitMeters($unitId: ID!) {
    meters(filter: { unitId: $unitId }) {
      id
      kind
      serialNumber
      unitOfMeasure
      location
      verificationDueOn
      readings(first: 12) {
        id
        value
        readAt
        kind
        source
        status
        consumption
        isEstimated
        anomalyReason
        reviewNote
      }
    }
  }
`);

export const SubmitMeterReading = graphql(`
  mutation SubmitMeterReading($input: SubmitMeterReadingInput!, $idempotencyKey: String) {
    submitMeterReading(input: $input, idempotencyKey: $idempotencyKey) {
      id
      value
      readAt
      kind
      source
      status
      consumption
      isEstimated
      anomalyReason
      reviewNote
    }
  }
`);
