// A resident's read state of an announcement: the web app's "mark as read" and the mobile app's
// announcements screen send the same mutation (the announcement comes back with readByMe, so
// the cache updates every list that shows it).
import { graphql } from "../generated/gql.ts";

export const MarkAnnouncementRead = graphql(`
  mutation MarkAnnouncementRead($id: ID!) {
    markAnnouncementRead(id: $id) {
      id
      readByMe
    }
  }
`);
