import { useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { InviteMember, PendingInvitations } from "./operations.ts";

/** An invitation by e-mail with a role; the pending list below shows it once sent. */
export function InviteForm({ roleKeys }: { roleKeys: string[] }) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("owner");
  const [invite, inviting] = useMutation(InviteMember, { refetchQueries: [PendingInvitations], awaitRefetchQueries: true });
  const [done, setDone] = useState<string | null>(null);
  const roleName = (key: string) => t.roles[key] ?? key;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const result = await invite({ variables: { email: email.trim(), role } }).catch(() => null);
    const invitation = result?.data?.inviteMember;
    if (!invitation) return;
    setDone(invitation.email);
    setEmail("");
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
    </>
  );
}
