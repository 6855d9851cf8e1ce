import { Link } from "wouter";
import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import type { FaultStatus } from "../generated/graphql.ts";
import { formatAddress } from "../format.ts";
import { useI18n } from "../i18n/I18nContext.tsx";

export const FaultRowFields = graphql(`
  fragment FaultRow on Fault {
    id
    title
    status
    priority
    category
    createdAt
    building {
      id
      street
      streetNumber
      city
    }
    unit {
      id
      designation
    }
  }
`);

export function FaultStatusBadge({ status }: { status: FaultStatus }) {
  const { t } = useI18n();
  return <span className={`badge status-${status.toLowerCase()}`}>{t.faultStatus[status]}</span>;
}

/** Faults as rows: title, status, priority, where and when. */
export function FaultRows(props: { faults: readonly FragmentType<typeof FaultRowFields>[]; showBuilding?: boolean }) {
  const { t, format } = useI18n();
  const faults = getFragmentData(FaultRowFields, props.faults);
  if (faults.length === 0) return <p className="notice">{t.faults.none}</p>;
  return (
    <ul className="rows">
      {faults.map((fault) => (
        <li key={fault.id}>
          <Link href={`/poruchy/${fault.id}`}>
            <strong>{fault.title}</strong>
          </Link>
          <FaultStatusBadge status={fault.status} />
          <span className="muted">
            {[
              t.faultPriority[fault.priority],
              t.faultCategory[fault.category],
              props.showBuilding ? formatAddress(fault.building) : null,
              fault.unit?.designation ? `${t.faults.unit} ${fault.unit.designation}` : null,
              format.dateTime(fault.createdAt),
            ]
              .filter(Boolean)
              .join(" · ")}
          </span>
        </li>
      ))}
    </ul>
  );
}
