import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { formatAddress, fullName } from "../format.ts";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { shareInput, shareOptionValue } from "./document-share.ts";

const DocumentShares = graphql(`
  query DocumentShares($id: ID!) {
    document(id: $id) {
      id
      shares {
        id
        roleKey
        building {
          id
          street
          streetNumber
          city
        }
        user {
          id
          firstName
          lastName
        }
      }
    }
    buildings(first: 100) {
      edges {
        node {
          id
          street
          streetNumber
          city
        }
      }
    }
    roles {
      key
    }
    members(first: 100) {
      totalCount
      edges {
        node {
          id
          email
          user {
            id
            firstName
            lastName
          }
        }
      }
    }
  }
`);

const ShareDocument = graphql(`
  mutation ShareDocument($documentId: ID!, $input: ShareDocumentInput!) {
    shareDocument(documentId: $documentId, input: $input) {
      id
    }
  }
`);

const UnshareDocument = graphql(`
  mutation UnshareDocument($shareId: ID!) {
    unshareDocument(shareId: $shareId) {
      id
    }
  }
`);

const refetch = { refetchQueries: ["DocumentShares"], awaitRefetchQueries: true };

/** Staff: who besides staff sees the document (residents of a building, a role, or one person), and sharing it further or less. */
export function DocumentSharing({ documentId }: { documentId: string }) {
  const { t } = useI18n();
  const { data } = useQuery(DocumentShares, { variables: { id: documentId } });
  const [share, sharing] = useMutation(ShareDocument, refetch);
  const [unshare, unsharing] = useMutation(UnshareDocument, refetch);
  const [target, setTarget] = useState("");
  const shares = data?.document?.shares ?? [];
  const buildings = data?.buildings.edges.map((e) => e.node) ?? [];
  const roles = data?.roles.map((r) => r.key) ?? [];
  const members = data?.members.edges.map((e) => e.node) ?? [];
  const roleName = (key: string) => t.roles[key] ?? key;
  const describe = (s: (typeof shares)[number]) =>
    s.building
      ? t.documents.sharedWithBuilding(formatAddress(s.building))
      : s.roleKey
        ? t.documents.sharedWithRole(roleName(s.roleKey))
        : t.documents.sharedWithPerson(fullName(s.user));
  const input = shareInput(target);

  return (
    <section>
      <h2>{t.documents.sharing}</h2>
      {shares.length === 0 && <p className="muted">{t.documents.noShares}</p>}
      <ul className="rows">
        {shares.map((s) => (
          <li key={s.id}>
            <span>{describe(s)}</span>
            <button
              className="secondary"
              disabled={unsharing.loading}
              aria-label={t.documents.unshare(describe(s))}
              onClick={() => void unshare({ variables: { shareId: s.id } }).catch(() => undefined)}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      <p className="toolbar">
        <label>
          {t.documents.shareWith}{" "}
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">—</option>
            <optgroup label={t.documents.shareBuilding}>
              {buildings.map((b) => (
                <option key={b.id} value={shareOptionValue({ kind: "building", id: b.id })}>
                  {formatAddress(b)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t.documents.shareRole}>
              {roles.map((key) => (
                <option key={key} value={shareOptionValue({ kind: "role", id: key })}>
                  {roleName(key)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t.documents.sharePerson}>
              {members.map((m) => (
                <option key={m.id} value={shareOptionValue({ kind: "user", id: m.user.id })}>
                  {`${fullName(m.user)} (${m.email})`}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <button
          disabled={!input || sharing.loading}
          onClick={() =>
            input &&
            void share({ variables: { documentId, input } })
              .then(() => setTarget(""))
              .catch(() => undefined)
          }
        >
          {t.documents.share}
        </button>
      </p>
      {data && data.members.totalCount > members.length && <p className="muted">{t.documents.moreMembers(members.length, data.members.totalCount)}</p>}
      {(sharing.error ?? unsharing.error) && <Refused error={sharing.error ?? unsharing.error} />}
    </section>
  );
}
