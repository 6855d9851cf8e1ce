import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { fullName } from "../format.ts";
import { graphql } from "../generated/gql.ts";
import { LoadMore } from "../LoadMore.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";

const Members = graphql(`
  query Members($after: String) {
    members(first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          email
          roles
          joinedAt
          user {
            id
            firstName
            lastName
          }
        }
      }
    }
    roles {
      key
    }
  }
`);

const InviteMember = graphql(`
  mutation InviteMember($email: EmailAddress!, $role: String!) {
    inviteMember(email: $email, role: $role) {
      id
      email
      role
      expiresAt
    }
  }
`);

/** Staff: the organization's members with their roles, and an invitation by e-mail with a role. */
export function MembersPage() {
  const { t, format } = useI18n();
  const { data, error, loading, fetchMore } = useQuery(Members);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("owner");
  const [invite, inviting] = useMutation(InviteMember);
  const [sent, setSent] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSent(null);
    const result = await invite({ variables: { email: email.trim(), role } }).catch(() => null);
    if (result?.data) {
      setSent(result.data.inviteMember.email);
      setEmail("");
    }
  }

  const roleName = (key: string) => t.roles[key] ?? key;
  return (
    <section>
      <h1>{t.members.heading}</h1>
      <h2>{t.members.inviteHeading}</h2>
      <form className="toolbar" onSubmit={(event) => void submit(event)}>
        <label className="inline">
          {t.members.email}
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" />
        </label>
        <label className="inline">
          {t.members.role}
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            {(data?.roles ?? [{ key: "owner" }]).map(({ key }) => (
              <option key={key} value={key}>
                {roleName(key)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={inviting.loading}>
          {t.members.invite}
        </button>
      </form>
      {sent && (
        <p className="done" role="status">
          {t.members.invited(sent)}
        </p>
      )}
      {inviting.error && <Refused error={inviting.error} />}
      <h2>{t.members.heading}</h2>
      {error && <Refused error={error} />}
      {data?.members.edges.length === 0 && <p className="notice">{t.members.none}</p>}
      <ul className="rows">
        {data?.members.edges.map(({ node }) => (
          <li key={node.id}>
            <strong>{fullName(node.user)}</strong>
            <span>{node.email}</span>
            <span className="muted">{node.roles.map(roleName).join(", ")}</span>
            <span className="muted">
              {t.members.joinedAt} {format.dateTime(node.joinedAt)}
            </span>
          </li>
        ))}
      </ul>
      {data && <LoadMore pageInfo={data.members.pageInfo} loading={loading} fetchMore={fetchMore} />}
    </section>
  );
}
