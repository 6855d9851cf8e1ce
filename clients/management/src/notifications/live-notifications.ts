// The signed-in shell listens for the caller's new notifications (notificationAdded through the
// gateway's WebSocket) and refreshes what shows them: the unread count in the header and the
// notification centre's list, when it is open (only active queries are refetched).
import { useApolloClient, useQuery, useSubscription } from "@apollo/client/react";
import { graphql } from "../generated/gql.ts";

export const UnreadNotificationCount = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

const NotificationAdded = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      id
      title
    }
  }
`);

/** The unread count, kept live. */
export function useLiveUnreadCount(): number {
  const client = useApolloClient();
  const { data } = useQuery(UnreadNotificationCount);
  useSubscription(NotificationAdded, {
    onData: () => void client.refetchQueries({ include: ["UnreadNotificationCount", "Notifications"] }),
  });
  return data?.unreadNotificationCount ?? 0;
}
