import { useState } from "react";
import { useApolloClient, useMutation } from "@apollo/client/react";
import type { PendingInvitationsQuery } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { InviteMember, PendingInvitations, revokeInvitation } from "./operations.ts";

type Invitation = PendingInvitationsQuery["invitations"]["edges"][number]["node"];

/**
 * One pending invitation: sent again (the graph replaces it: only the new link works) or revoked,
 * confirmed first (its link stops working at once).
 */
export function InvitationRow({ invitation, onRevoked }: { invitation: Invitation; onRevoked: (email: string) => void }) {
  const { t, format } = useI18n();
  const client = useApolloClient();
  const [resend, resending] = useMutation(InviteMember, { refetchQueries: [PendingInvitations], awaitRefetchQueries: true });
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function run(action: () => Promise<unknown>) {
    setFailure(null);
    await action().catch((error: unknown) => setFailure(error));
  }

  return (
    <li>
      <strong>{invitation.email}</strong>
      <span className="muted">{t.roles[invitation.role] ?? invitation.role}</span>
      <span className="muted">{t.members.expires(format.dateTime(invitation.expiresAt))}</span>
      <span className="actions">
        <button
          type="button"
          className="secondary"
          aria-label={t.members.resend(invitation.email)}
          disabled={resending.loading}
          onClick={() => void run(() => resend({ variables: { email: invitation.email, role: invitation.role } }))}
        >
          {t.members.resendShort}
        </button>
        {confirming ? (
          <>
            <span role="alert">{t.members.confirmRevoke(invitation.email)}</span>
            <button
              type="button"
              className="danger"
              onClick={() =>
                void run(async () => {
                  await revokeInvitation(client, invitation.id);
                  onRevoked(invitation.email);
                })
              }
            >
              {t.members.confirmRevokeYes}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t.members.cancel}
            </button>
          </>
        ) : (
          <button type="button" className="secondary" aria-label={t.members.revokeInvitation(invitation.email)} onClick={() => setConfirming(true)}>
            {t.members.revokeShort}
          </button>
        )}
      </span>
      {failure !== null && <Refused error={failure} wording={t.members.invitationRefused} />}
    </li>
  );
}
