import { useMutation, useQuery } from "@apollo/client/react";
import { fullName } from "../format.ts";
import { getFragmentData } from "../generated/fragment-masking.ts";
import type { DelegationDirection, DelegationRowFragment } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { LoadMore } from "../LoadMore.tsx";
import { Refused } from "../Refused.tsx";
import { DelegationRowFields, MyDelegations, RevokeDelegation } from "./operations.ts";

/** The powers of attorney the caller gave (each revocable) or received. */
export function DelegationList({ direction }: { direction: DelegationDirection }) {
  const { t } = useI18n();
  const { data, error, loading, fetchMore } = useQuery(MyDelegations, { variables: { direction } });
  const given = direction === "GIVEN";
  const rows = data?.myDelegations.edges.map(({ node }) => getFragmentData(DelegationRowFields, node)) ?? [];
  return (
    <section aria-labelledby={`delegations-${direction}`}>
      <h2 id={`delegations-${direction}`}>{t.delegationDirection[direction]}</h2>
      {error && <Refused error={error} />}
      {data && rows.length === 0 && <p className="notice">{given ? t.delegations.noneGiven : t.delegations.noneReceived}</p>}
      <ul className="rows delegation-rows">
        {rows.map((delegation) => (
          <DelegationRow key={delegation.id} delegation={delegation} given={given} />
        ))}
      </ul>
      {data && <LoadMore pageInfo={data.myDelegations.pageInfo} loading={loading} fetchMore={fetchMore} />}
    </section>
  );
}

function DelegationRow({ delegation, given }: { delegation: DelegationRowFragment; given: boolean }) {
  const { t, format } = useI18n();
  const [revoke, revoking] = useMutation(RevokeDelegation, { variables: { id: delegation.id } });
  const other = fullName(given ? delegation.toUser : delegation.fromUser);
  const validTo = delegation.validTo ? format.dateTime(delegation.validTo) : null;
  return (
    <li>
      <strong>{given ? t.delegations.to(other) : t.delegations.from(other)}</strong>
      <span>{t.delegationScope[delegation.scope]}</span>
      <span className="muted">{delegation.unit ? t.votes.unitLabel(delegation.unit.designation ?? "—") : t.delegations.allUnits}</span>
      <span className="muted">{t.delegations.period(format.dateTime(delegation.validFrom), validTo)}</span>
      <span className={delegation.active ? "badge status-resolved" : "badge"}>{delegation.active ? t.delegations.active : t.delegations.inactive}</span>
      {delegation.revokedAt && <span className="muted">{t.delegations.revokedAt(format.dateTime(delegation.revokedAt))}</span>}
      {delegation.note && <span className="muted">{delegation.note}</span>}
      {given && !delegation.revokedAt && (
        <button
          type="button"
          className="secondary"
          aria-label={t.delegations.revoke(other)}
          disabled={revoking.loading}
          onClick={() => void revoke().catch(() => undefined)}
        >
          {t.delegations.revokeShort}
        </button>
      )}
      {revoking.error && <Refused error={revoking.error} wording={t.delegations.refused} />}
    </li>
  );
}
