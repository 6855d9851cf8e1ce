import { useState } from "react";
import { useApolloClient, useMutation } from "@apollo/client/react";
import { fullName } from "../format.ts";
import type { MemberRowFragment } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { AssignRole, RevokeRole, removeMember } from "./operations.ts";

interface Props {
  member: MemberRowFragment;
  /** Every role the organization may grant (the graph still refuses one with permissions the caller lacks). */
  roleKeys: string[];
  isYou: boolean;
  managesRoles: boolean;
  managesUsers: boolean;
  onRemoved: (name: string) => void;
}

/** One member: their roles (each removable, one more addable with roles:manage) and removal (users:manage), confirmed first. */
export function MemberRow({ member, roleKeys, isYou, managesRoles, managesUsers, onRemoved }: Props) {
  const { t, format } = useI18n();
  const client = useApolloClient();
  const [assign, assigning] = useMutation(AssignRole);
  const [revoke, revoking] = useMutation(RevokeRole);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [added, setAdded] = useState("");
  const name = fullName(member.user);
  const roleName = (key: string) => t.roles[key] ?? key;
  const addable = roleKeys.filter((key) => !member.roles.includes(key));
  const busy = assigning.loading || revoking.loading;

  async function run(action: () => Promise<unknown>) {
    setFailure(null);
    await action().catch((error: unknown) => setFailure(error));
  }

  return (
    <li className="member">
      <strong>
        {name} {isYou && <span className="muted">{t.members.you}</span>}
      </strong>
      <span>{member.email}</span>
      {member.status !== "ACTIVE" && <span className="badge">{t.membershipStatus[member.status]}</span>}
      <span className="muted">
        {t.members.joinedAt} {format.dateTime(member.joinedAt)}
      </span>
      <span className="actions member-roles">
        {member.roles.map((role) => (
          <span key={role} className="badge role">
            {roleName(role)}
            {managesRoles && (
              <button
                type="button"
                className="chip-remove"
                aria-label={t.members.removeRole(roleName(role), name)}
                disabled={busy}
                onClick={() => void run(() => revoke({ variables: { userId: member.user.id, role } }))}
              >
                ×
              </button>
            )}
          </span>
        ))}
      </span>
      {managesRoles && addable.length > 0 && (
        <form
          className="actions"
          onSubmit={(event) => {
            event.preventDefault();
            if (added) void run(() => assign({ variables: { userId: member.user.id, role: added } }).then(() => setAdded("")));
          }}
        >
          <select aria-label={t.members.addRole(name)} value={added} onChange={(e) => setAdded(e.target.value)} required>
            <option value="">{t.members.role}</option>
            {addable.map((key) => (
              <option key={key} value={key}>
                {roleName(key)}
              </option>
            ))}
          </select>
          <button type="submit" className="secondary" disabled={busy}>
            {t.members.add}
          </button>
        </form>
      )}
      {managesUsers && !isYou && (
        <span className="actions">
          {confirming ? (
            <>
              <span role="alert">{t.members.confirmRemove(name)}</span>
              <button
                type="button"
                className="danger"
                onClick={() =>
                  void run(async () => {
                    await removeMember(client, member);
                    onRemoved(name);
                  })
                }
              >
                {t.members.confirm}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                {t.members.cancel}
              </button>
            </>
          ) : (
            <button type="button" className="secondary" onClick={() => setConfirming(true)}>
              {t.members.remove} <span className="visually-hidden">{name}</span>
            </button>
          )}
        </span>
      )}
      {failure !== null && <Refused error={failure} wording={t.members.refused} />}
    </li>
  );
}
