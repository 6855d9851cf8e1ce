// Reporting a fault with photos: the photo goes straight to object storage on a presigned PUT
// (requestUpload → PUT → confirmUpload), and the report names the confirmed upload. The report
// carries an idempotency key so that a resend (the mobile app's offline queue) creates no second fault.
import { graphql } from "../generated/gql.ts";

export const RequestUpload = graphql(`
  mutation RequestUpload($input: RequestUploadInput!) {
    requestUpload(input: $input) {
      uploadId
      url
      headers {
        name
        value
      }
    }
  }
`);

export const ConfirmUpload = graphql(`
  mutation ConfirmUpload($uploadId: ID!) {
    confirmUpload(uploadId: $uploadId) {
      id
      status
    }
  }
`);

export const ReportFault = graphql(`
  mutation ReportFault($input: ReportFaultInput!, $idempotencyKey: String) {
    reportFault(input: $input, idempotencyKey: $idempotencyKey) {
      id
      title
      status
      createdAt
      attachments {
        id
      }
    }
  }
`);

export const MyFaults = graphql(`
  query MyFaults {
    faults(filter: { reportedByMe: true }, first: 50) {
      edges {
        node {
          id
          title
          status
          category
          createdAt
        }
      }
    }
  }
`);
