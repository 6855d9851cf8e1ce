import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { Link } from "wouter";
import { attempt } from "@ppt/client-shared";
import { FormActions } from "../FormActions.tsx";
import type { AgencyRole } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { agencyPath } from "../urls.ts";
import { useSubmit } from "../use-submit.ts";
import { InviteRealtor } from "./operations.ts";
import { RegisterAgencyForm } from "./RegisterAgencyForm.tsx";

interface Membership {
  role: AgencyRole;
  agency: { id: string; name: string; slug: string; verified: boolean };
}

/** The realtor's agencies: each with its verification, and for its owners and admins the invitation of realtors; another agency may be registered. */
export function AgencyAdmin({ memberships }: { memberships: Membership[] }) {
  const { t } = useI18n();
  return (
    <section className="agency-admin">
      {memberships.map(({ role, agency }) => (
        <article key={agency.id} className="agency-card">
          <h2>
            <Link href={agencyPath(agency)}>{agency.name}</Link>
          </h2>
          <p>
            {t.console.agency.yourRole} {t.agencyRole[role]}
            {!agency.verified && <span className="badge unverified"> {t.profiles.unverified}</span>}
          </p>
          {role !== "REALTOR" && <InviteForm agencyId={agency.id} owner={role === "OWNER"} />}
        </article>
      ))}
      <RegisterAgencyForm />
    </section>
  );
}

function InviteForm({ agencyId, owner }: { agencyId: string; owner: boolean }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<AgencyRole>("REALTOR");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { problem, busy, run } = useSubmit((m) => m.console.agency.inviteRefused);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await run(() => attempt(() => client.mutate({ mutation: InviteRealtor, variables: { agencyId, email: email.trim(), role } })));
    if (ok) {
      setSentTo(email.trim());
      setEmail("");
    }
  }
  return (
    <form className="invite" onSubmit={(event) => void submit(event)}>
      <h3>{t.console.agency.inviteHeading}</h3>
      <label>
        {t.console.agency.fields.email}
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </label>
      <label>
        {t.console.agency.role}
        <select value={role} onChange={(e) => setRole(e.target.value as AgencyRole)}>
          {(owner ? (["REALTOR", "ADMIN", "OWNER"] as const) : (["REALTOR"] as const)).map((r) => (
            <option key={r} value={r}>
              {t.agencyRole[r]}
            </option>
          ))}
        </select>
      </label>
      {sentTo && (
        <p className="notice" role="status">
          {t.console.agency.invited(sentTo)}
        </p>
      )}
      <FormActions problem={problem} busy={busy} submit={t.console.agency.invite} />
    </form>
  );
}
