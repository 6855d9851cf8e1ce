import { useState } from "react";
import { useApolloClient } from "@apollo/client/react";
import type { Refusal } from "@ppt/client-shared";
import { describeRefusal } from "@ppt/client-shared";
import { useLocation } from "wouter";
import { useI18n } from "../i18n/I18nContext.tsx";
import { switchOrganization } from "./organizations.ts";
import { useOrganizationChoice, useTokens } from "./SessionContext.tsx";

interface Props {
  current: { id: string; name: string } | null | undefined;
  memberships: { organization: { id: string; name: string } }[];
}

/**
 * The header's current organization; for a member of several, a choice among them. Switching
 * goes to the start screen first: the page on screen may show an object of the previous one.
 */
export function OrganizationSwitcher({ current, memberships }: Props) {
  const { t } = useI18n();
  const client = useApolloClient();
  const tokens = useTokens();
  const choice = useOrganizationChoice();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [switchedTo, setSwitchedTo] = useState<string | null>(null);
  if (memberships.length < 2 || !current) return <span className="organization">{current?.name}</span>;

  async function choose(organizationId: string) {
    setBusy(true);
    setRefusal(null);
    setSwitchedTo(null);
    navigate("/");
    const outcome = await switchOrganization(client, tokens, choice, organizationId);
    setBusy(false);
    if (outcome.ok) setSwitchedTo(memberships.find((m) => m.organization.id === organizationId)?.organization.name ?? null);
    else setRefusal(outcome);
  }

  return (
    <span className="organization">
      <select aria-label={t.organizations.label} value={current.id} disabled={busy} onChange={(e) => void choose(e.target.value)}>
        {memberships.map(({ organization }) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
      </select>
      <span className="visually-hidden" role="status">
        {switchedTo && t.organizations.switched(switchedTo)}
      </span>
      {refusal && (
        <span className="problem" role="alert">
          {describeRefusal(t, refusal, t.organizations.refused)}
        </span>
      )}
    </span>
  );
}
