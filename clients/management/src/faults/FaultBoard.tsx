import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import type { FaultStatus } from "../generated/graphql.ts";
import { Link } from "wouter";
import { formatAddress } from "../format.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { sk } from "../i18n/sk.ts";
import { FaultRowFields } from "./FaultRows.tsx";

const STATUSES = Object.keys(sk.faultStatus) as FaultStatus[];

/** Managers' status board: one column per status, each fault a card leading to its workflow. */
export function FaultBoard(props: { faults: readonly FragmentType<typeof FaultRowFields>[] }) {
  const { t } = useI18n();
  const faults = getFragmentData(FaultRowFields, props.faults);
  return (
    <div className="board">
      {STATUSES.map((status) => {
        const column = faults.filter((fault) => fault.status === status);
        return (
          <section key={status} className="board-column" aria-label={t.faultStatus[status]}>
            <h2>
              {t.faultStatus[status]} <span className="muted">({column.length})</span>
            </h2>
            {column.length === 0 && <p className="muted">{t.board.empty}</p>}
            {column.map((fault) => (
              <Link key={fault.id} href={`/poruchy/${fault.id}`} className="card">
                <strong>{fault.title}</strong>
                <span className="muted">
                  {t.faultPriority[fault.priority]} · {formatAddress(fault.building)}
                </span>
              </Link>
            ))}
          </section>
        );
      })}
    </div>
  );
}
