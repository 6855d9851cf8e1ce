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

/** The server's VAPID public key a browser subscribes to Web Push with (null: no Web Push there). */
export const WebPushPublicKey = graphql(`
  query WebPushPublicKey {
    webPushPublicKey
  }
`);
