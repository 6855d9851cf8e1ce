import { useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import { formatAddress, fullName } from "../format.ts";
import { graphql } from "../generated/gql.ts";
import { LoadMore } from "../LoadMore.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";

const Conversations = graphql(`
  query Conversations($first: Int!, $after: String) {
    conversations(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          kind
          title
          unreadCount
          lastMessageAt
          building {
            id
            street
            streetNumber
            city
          }
          participants {
            userId
            user {
              id
              firstName
              lastName
            }
          }
          lastMessage {
            id
            body
            sender {
              id
              firstName
              lastName
            }
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

/** The caller's conversations, most recently active first, with unread counts. */
export function ConversationList() {
  const { t, format } = useI18n();
  const { data, loading, error, fetchMore } = useQuery(Conversations, { variables: { first: 20 } });
  const conversations = data?.conversations;
  return (
    <section>
      <h1>{t.messages.heading}</h1>
      {error && <p className="problem">{t.loadFailed}</p>}
      {!conversations && loading && <p className="notice">{t.loading}</p>}
      {conversations && conversations.edges.length === 0 && <p className="notice">{t.messages.none}</p>}
      {conversations && (
        <>
          <ul className="rows">
            {conversations.edges.map(({ node }) => (
              <li key={node.id}>
                <Link href={`/spravy/${node.id}`}>
                  <strong>
                    {node.title ?? (node.kind === "DIRECT" ? t.conversationKind.DIRECT : node.participants.map((p) => fullName(p.user)).join(", "))}
                  </strong>
                </Link>
                {node.unreadCount > 0 && <span className="badge unread">{t.messages.unread(node.unreadCount)}</span>}
                <span className="muted">
                  {[
                    node.building ? formatAddress(node.building) : null,
                    node.lastMessage ? `${fullName(node.lastMessage.sender)}: ${node.lastMessage.body ?? t.messages.deleted}` : null,
                    node.lastMessageAt ? format.dateTime(node.lastMessageAt) : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </li>
            ))}
          </ul>
          <LoadMore pageInfo={conversations.pageInfo} loading={loading} fetchMore={fetchMore} />
        </>
      )}
    </section>
  );
}
