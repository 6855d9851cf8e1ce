import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { getFragmentData } from "../generated/fragment-masking.ts";
import { LoadMore } from "../LoadMore.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { useIdentity, usePermission } from "../session/SessionContext.tsx";
import { InviteForm } from "./InviteForm.tsx";
import { MemberRow } from "./MemberRow.tsx";
import { PendingInvitationList } from "./PendingInvitationList.tsx";
import { MemberRowFields, Members } from "./operations.ts";

/**
 * Staff: the organization's members with their roles, invitations by e-mail with a role, and (as
 * the token allows) roles given and taken (roles:manage) and members removed (users:manage).
 */
export function MembersPage() {
  const { t } = useI18n();
  const { data, error, loading, fetchMore } = useQuery(Members);
  const managesRoles = usePermission("roles:manage");
  const managesUsers = usePermission("users:manage");
  const { userId } = useIdentity();
  const [removed, setRemoved] = useState<string | null>(null);
  const roleKeys = data?.roles.map((role) => role.key) ?? [];
  return (
    <section className="members">
      <h1>{t.members.heading}</h1>
      {managesUsers && <InviteForm roleKeys={roleKeys} />}
      {managesUsers && <PendingInvitationList />}
      <h2>{t.members.heading}</h2>
      {error && <Refused error={error} />}
      {removed && (
        <p className="done" role="status">
          {t.members.removed(removed)}
        </p>
      )}
      {data?.members.edges.length === 0 && <p className="notice">{t.members.none}</p>}
      <ul className="rows">
        {data?.members.edges.map(({ node }) => {
          const member = getFragmentData(MemberRowFields, node);
          return (
            <MemberRow
              key={member.id}
              member={member}
              roleKeys={roleKeys}
              isYou={member.user.id === userId}
              managesRoles={managesRoles}
              managesUsers={managesUsers}
              onRemoved={setRemoved}
            />
          );
        })}
      </ul>
      {data && <LoadMore pageInfo={data.members.pageInfo} loading={loading} fetchMore={fetchMore} />}
    </section>
  );
}
