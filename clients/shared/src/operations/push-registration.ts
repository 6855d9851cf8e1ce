// Registering this device (a Web Push subscription in a browser, the platform's token on a phone)
// for the caller's push notifications, and removing it again.
import { graphql } from "../generated/gql.ts";

export const RegisterPushSubscription = graphql(`
  mutation RegisterPushSubscription($input: PushSubscriptionInput!) {
    registerPushSubscription(input: $input) {
      id
      platform
      endpoint
    }
  }
`);

export const RemovePushSubscription = graphql(`
  mutation RemovePushSubscription($id: ID!) {
    removePushSubscription(id: $id)
  }
`);
