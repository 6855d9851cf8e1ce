import { useState, type FormEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { attempt } from "@ppt/client-shared";
import { FormActions } from "../FormActions.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { slug } from "../urls.ts";
import { useSubmit } from "../use-submit.ts";
import { ConsoleMe, RegisterAgency } from "./operations.ts";

const FIELDS = ["name", "ico", "vatId", "email", "phone", "website", "street", "city", "postalCode"] as const;
type Field = (typeof FIELDS)[number];
const REQUIRED: readonly Field[] = ["name", "ico", "email"];

/**
 * An agency registers: its name, IČO (and IČ DPH), contact and address. The signed-in user becomes
 * its owner (and a realtor); the agency shows as unverified until its web domain or the platform
 * confirms it.
 */
export function RegisterAgencyForm() {
  const { t } = useI18n();
  const client = useApolloClient();
  const [values, setValues] = useState<Record<Field, string>>(Object.fromEntries(FIELDS.map((f) => [f, ""])) as Record<Field, string>);
  const { problem, busy, done, run } = useSubmit((m) => m.console.agency.registerRefused);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const optional = Object.fromEntries(FIELDS.filter((f) => !REQUIRED.includes(f) && values[f].trim()).map((f) => [f, values[f].trim()]));
    await run(() =>
      attempt(() =>
        client.mutate({
          mutation: RegisterAgency,
          variables: {
            input: { name: values.name.trim(), slug: slug(values.name), ico: values.ico.replace(/\s/g, ""), email: values.email.trim(), ...optional },
          },
          refetchQueries: [{ query: ConsoleMe }],
          awaitRefetchQueries: true,
        }),
      ),
    );
  }

  return (
    <form className="register-agency" onSubmit={(event) => void submit(event)}>
      <h2>{t.console.agency.registerHeading}</h2>
      <p className="notice">{t.console.agency.registerHelp}</p>
      {FIELDS.map((field) => (
        <label key={field}>
          {t.console.agency.fields[field]}
          <input
            value={values[field]}
            onChange={(e) => setValues({ ...values, [field]: e.target.value })}
            required={REQUIRED.includes(field)}
            type={field === "email" ? "email" : "text"}
            maxLength={200}
          />
        </label>
      ))}
      {done && (
        <p className="notice" role="status">
          {t.console.agency.registered}
        </p>
      )}
      <FormActions problem={problem} busy={busy} submit={t.console.agency.register} />
    </form>
  );
}
