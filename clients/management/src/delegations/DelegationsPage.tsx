import { useI18n } from "../i18n/I18nContext.tsx";
import { DelegationForm } from "./DelegationForm.tsx";
import { DelegationList } from "./DelegationList.tsx";

/** Powers of attorney: an owner gives one (for a unit or all of theirs, for voting or more) and revokes it; both sides see theirs. */
export function DelegationsPage() {
  const { t } = useI18n();
  return (
    <section className="delegations">
      <h1>{t.delegations.heading}</h1>
      <p className="muted">{t.delegations.intro}</p>
      <DelegationForm />
      <DelegationList direction="GIVEN" />
      <DelegationList direction="RECEIVED" />
    </section>
  );
}
