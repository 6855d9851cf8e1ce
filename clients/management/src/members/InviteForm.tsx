import { useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { InviteMember } from "./operations.ts";

interface SentInvitation {
  email: string;
  role: string;
  expiresAt: string;
}

/**
 * An invitation by e-mail with a role, and the ones sent from this page, each of which can be sent
 * again (the graph replaces a pending invitation for the same address: the old link stops working).
 */
export function InviteForm({ roleKeys }: { roleKeys: string[] }) {
  const { t, format } = useI18n();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("owner");
  const [invite, inviting] = useMutation(InviteMember);
  const [sent, setSent] = useState<SentInvitation[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const roleName = (key: string) => t.roles[key] ?? key;

  async function send(address: string, withRole: string): Promise<boolean> {
    setDone(null);
    const result = await invite({ variables: { email: address, role: withRole } }).catch(() => null);
    const invitation = result?.data?.inviteMember;
    if (!invitation) return false;
    setSent((list) => [
      { email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt },
      ...list.filter((i) => i.email !== invitation.email),
    ]);
    setDone(invitation.email);
    return true;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await send(email.trim(), role)) setEmail("");
  }

  return (
    <>
      <h2>{t.members.inviteHeading}</h2>
      <form className="toolbar" onSubmit={(event) => void submit(event)}>
        <label className="inline">
          {t.members.email}
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" />
        </label>
        <label className="inline">
          {t.members.role}
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            {(roleKeys.length ? roleKeys : ["owner"]).map((key) => (
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
      {done && (
        <p className="done" role="status">
          {t.members.invited(done)}
        </p>
      )}
      {inviting.error && <Refused error={inviting.error} wording={t.members.refused} />}
      {sent.length > 0 && (
        <>
          <h3>{t.members.sentHeading}</h3>
          <p className="muted">{t.members.sentHint}</p>
          <ul className="rows sent-invitations">
            {sent.map((invitation) => (
              <li key={invitation.email}>
                <strong>{invitation.email}</strong>
                <span className="muted">{roleName(invitation.role)}</span>
                <span className="muted">{t.members.expires(format.dateTime(invitation.expiresAt))}</span>
                <button
                  type="button"
                  className="secondary"
                  aria-label={t.members.resend(invitation.email)}
                  disabled={inviting.loading}
                  onClick={() => void send(invitation.email, invitation.role)}
                >
                  {t.members.resendShort}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
