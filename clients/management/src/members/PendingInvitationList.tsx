import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { InvitationRow } from "./InvitationRow.tsx";
import { PendingInvitations } from "./operations.ts";

/** Invitations not yet accepted, revoked or expired (users:manage), newest first. */
export function PendingInvitationList() {
  const { t } = useI18n();
  const { data, error } = useQuery(PendingInvitations);
  const [revoked, setRevoked] = useState<string | null>(null);
  return (
    <>
      <h3>{t.members.pendingHeading}</h3>
      <p className="muted">{t.members.pendingHint}</p>
      {error && <Refused error={error} wording={t.members.invitationRefused} />}
      {revoked && (
        <p className="done" role="status">
          {t.members.revoked(revoked)}
        </p>
      )}
      {data?.invitations.edges.length === 0 && <p className="notice">{t.members.noPending}</p>}
      <ul className="rows pending-invitations">
        {data?.invitations.edges.map(({ node }) => (
          <InvitationRow key={node.id} invitation={node} onRevoked={setRevoked} />
        ))}
      </ul>
    </>
  );
}
