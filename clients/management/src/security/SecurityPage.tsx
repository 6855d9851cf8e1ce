import { useMutation, useQuery } from "@apollo/client/react";
import { graphql } from "../generated/gql.ts";
import { Refused } from "../Refused.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";

const MySessions = graphql(`
  query MySessions {
    mySessions {
      id
      current
      userAgent
      signedInAt
      lastUsedAt
    }
  }
`);

const RevokeSession = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`);

/** /zabezpecenie: where the new-device mail leads; the person's signed-in devices, each can be ended. */
export function SecurityPage() {
  const { t, format } = useI18n();
  const { data, loading, error } = useQuery(MySessions, { fetchPolicy: "cache-and-network" });
  const [revoke, revoking] = useMutation(RevokeSession, { refetchQueries: ["MySessions"] });
  return (
    <section>
      <h1>{t.security.heading}</h1>
      <p>{t.security.hint}</p>
      <h2>{t.security.sessions}</h2>
      {error && <Refused error={error} />}
      {revoking.error && <Refused error={revoking.error} />}
      {loading && !data && <p className="notice">{t.loading}</p>}
      <ul className="sessions">
        {data?.mySessions.map((session) => (
          <li key={session.id}>
            <strong>{session.userAgent || t.security.unknownDevice}</strong>
            {session.current && <span className="badge">{t.security.current}</span>}
            <br />
            {t.security.signedInAt}: {format.dateTime(session.signedInAt)}
            {session.lastUsedAt && ` · ${t.security.lastUsedAt}: ${format.dateTime(session.lastUsedAt)}`}{" "}
            {!session.current && (
              <button type="button" className="secondary" disabled={revoking.loading} onClick={() => void revoke({ variables: { id: session.id } })}>
                {t.security.revoke}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
