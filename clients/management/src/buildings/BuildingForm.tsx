import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Link, useLocation } from "wouter";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";

const BuildingFormQuery = graphql(`
  query BuildingForm($id: ID!) {
    building(id: $id) {
      id
      name
      street
      streetNumber
      city
      postalCode
      yearBuilt
      totalFloors
    }
  }
`);

const CreateBuilding = graphql(`
  mutation CreateBuilding($input: CreateBuildingInput!) {
    createBuilding(input: $input) {
      id
    }
  }
`);

const UpdateBuilding = graphql(`
  mutation UpdateBuilding($id: ID!, $input: UpdateBuildingInput!) {
    updateBuilding(id: $id, input: $input) {
      id
      name
      street
      streetNumber
      city
      postalCode
      yearBuilt
      totalFloors
    }
  }
`);

interface Draft {
  name: string;
  street: string;
  streetNumber: string;
  city: string;
  postalCode: string;
  yearBuilt: string;
  totalFloors: string;
}

const EMPTY: Draft = { name: "", street: "", streetNumber: "", city: "", postalCode: "", yearBuilt: "", totalFloors: "" };

/** Staff: a new building (/budovy/nova), or one edited (/budovy/:id/upravit); then its units are imported on its page. */
export function BuildingForm({ id }: { id?: string }) {
  const { data } = useQuery(BuildingFormQuery, { variables: { id: id ?? "" }, skip: !id });
  const building = data?.building;
  if (id && !building) return null;
  const draft: Draft = building
    ? {
        name: building.name ?? "",
        street: building.street ?? "",
        streetNumber: building.streetNumber ?? "",
        city: building.city,
        postalCode: building.postalCode,
        yearBuilt: building.yearBuilt?.toString() ?? "",
        totalFloors: building.totalFloors?.toString() ?? "",
      }
    : EMPTY;
  return <BuildingFields id={id} initial={draft} />;
}

function BuildingFields({ id, initial }: { id?: string; initial: Draft }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<"required" | "notANumber" | null>(null);
  const [create, creating] = useMutation(CreateBuilding, { refetchQueries: ["Buildings"] });
  const [update, updating] = useMutation(UpdateBuilding);
  const [, navigate] = useLocation();
  const set = (key: keyof Draft) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields = { street: draft.street.trim(), streetNumber: draft.streetNumber.trim(), city: draft.city.trim(), postalCode: draft.postalCode.trim() };
    if (Object.values(fields).some((value) => !value)) return setProblem("required");
    const whole = (text: string) => (text.trim() === "" ? null : /^\d+$/.test(text.trim()) ? Number(text) : NaN);
    const yearBuilt = whole(draft.yearBuilt);
    const totalFloors = whole(draft.totalFloors);
    if (Number.isNaN(yearBuilt) || Number.isNaN(totalFloors)) return setProblem("notANumber");
    setProblem(null);
    const input = { ...fields, name: draft.name.trim() || null, yearBuilt, totalFloors };
    if (id) {
      const result = await update({ variables: { id, input } }).catch(() => null);
      if (result?.data) navigate(`/budovy/${id}`);
    } else {
      const result = await create({ variables: { input } }).catch(() => null);
      if (result?.data) navigate(`/budovy/${result.data.createBuilding.id}`);
    }
  }

  const field = (key: keyof Draft, label: string, props: { inputMode?: "numeric"; autoComplete?: string } = {}) => (
    <label>
      {label}
      <input value={draft[key]} onChange={(e) => set(key)(e.target.value)} {...props} />
    </label>
  );
  const error = creating.error ?? updating.error;
  return (
    <section>
      <Link href={id ? `/budovy/${id}` : "/budovy"}>{t.back}</Link>
      <h1>{id ? t.setup.editBuilding : t.setup.newBuilding}</h1>
      <form className="vote-form" onSubmit={(event) => void submit(event)}>
        {field("name", t.setup.name)}
        {field("street", t.setup.street, { autoComplete: "address-line1" })}
        {field("streetNumber", t.setup.streetNumber)}
        {field("city", t.setup.city, { autoComplete: "address-level2" })}
        {field("postalCode", t.setup.postalCode, { autoComplete: "postal-code" })}
        {field("yearBuilt", t.setup.yearBuilt, { inputMode: "numeric" })}
        {field("totalFloors", t.setup.totalFloors, { inputMode: "numeric" })}
        {problem && (
          <p className="problem" role="alert">
            {t.setup[problem]}
          </p>
        )}
        {error && <Refused error={error} />}
        <button type="submit" disabled={creating.loading || updating.loading}>
          {t.setup.save}
        </button>
      </form>
    </section>
  );
}
