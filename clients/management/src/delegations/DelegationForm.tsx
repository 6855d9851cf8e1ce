import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { formatAddress, fullName } from "../format.ts";
import type { DelegationScope } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { useIdentity, usePermission } from "../session/SessionContext.tsx";
import { useSearch } from "wouter";
import { attorneyCandidates, delegationInput, draftFromSearch, emptyDraft, ownedUnits, type DelegationDraft } from "./delegation-draft.ts";
import { AttorneyCandidates, DelegableUnits, DelegateRights, MyDelegations } from "./operations.ts";

const SCOPES: DelegationScope[] = ["VOTING", "ALL", "FAULTS", "FINANCE"];

/** An owner's new power of attorney: to whom, for which unit (or all), for what and how long. */
export function DelegationForm() {
  const { t } = useI18n();
  const { userId } = useIdentity();
  const readsMembers = usePermission("users:read");
  const candidates = useQuery(AttorneyCandidates, { variables: { withMembers: readsMembers } });
  const delegable = useQuery(DelegableUnits);
  const [delegate, delegating] = useMutation(DelegateRights, {
    refetchQueries: [{ query: MyDelegations, variables: { direction: "GIVEN" } }],
  });
  const search = useSearch();
  const [draft, setDraft] = useState<DelegationDraft>(() => draftFromSearch(search));
  const [given, setGiven] = useState<string | null>(null);
  const people = attorneyCandidates(candidates.data, userId);
  const units = ownedUnits(delegable.data, userId);
  const set = (patch: Partial<DelegationDraft>) => setDraft((current) => ({ ...current, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setGiven(null);
    const result = await delegate({ variables: { input: delegationInput(draft) } }).catch(() => null);
    if (result?.data) {
      setGiven(fullName(people.find((p) => p.id === draft.toUserId)));
      setDraft(emptyDraft);
    }
  }

  return (
    <section aria-labelledby="delegation-new">
      <h2 id="delegation-new">{t.delegations.newHeading}</h2>
      {(candidates.error ?? delegable.error) && <Refused error={candidates.error ?? delegable.error} />}
      {candidates.data && people.length === 0 && <p className="notice">{t.delegations.noCandidates}</p>}
      <form className="delegation-form" onSubmit={(event) => void submit(event)}>
        <label>
          {t.delegations.person}
          <select value={draft.toUserId} onChange={(e) => set({ toUserId: e.target.value })} required>
            <option value="">{t.delegations.choosePerson}</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {fullName(person)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.delegations.unit}
          <select value={draft.unitId} onChange={(e) => set({ unitId: e.target.value })}>
            <option value="">{t.delegations.allUnits}</option>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {t.delegations.unitLabel(unit.designation, formatAddress(unit.building))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.delegations.scope}
          <select value={draft.scope} onChange={(e) => set({ scope: e.target.value as DelegationScope })}>
            {SCOPES.map((scope) => (
              <option key={scope} value={scope}>
                {t.delegationScope[scope]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.delegations.validFrom}
          <input type="date" value={draft.validFrom} onChange={(e) => set({ validFrom: e.target.value })} />
        </label>
        <label>
          {t.delegations.validTo}
          <input type="date" value={draft.validTo} min={draft.validFrom || undefined} onChange={(e) => set({ validTo: e.target.value })} />
        </label>
        <label>
          {t.delegations.note}
          <textarea value={draft.note} maxLength={1000} rows={2} onChange={(e) => set({ note: e.target.value })} />
        </label>
        <p>
          <button type="submit" disabled={delegating.loading}>
            {t.delegations.give}
          </button>
        </p>
      </form>
      {given && (
        <p className="done" role="status">
          {t.delegations.given(given)}
        </p>
      )}
      {delegating.error && <Refused error={delegating.error} wording={t.delegations.refused} />}
    </section>
  );
}
