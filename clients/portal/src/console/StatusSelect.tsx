import type { ListingStatus } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";

/** In the lifecycle's order (the filters and the bulk edit's status choice list them so). */
export const LISTING_STATUSES: readonly ListingStatus[] = ["DRAFT", "ACTIVE", "RESERVED", "SOLD", "RENTED", "ARCHIVED"];

/** A listing status chosen from the lifecycle's list, or none (`""`: the empty option's label says what none means there). */
export function StatusSelect(props: { label: string; emptyLabel: string; value: ListingStatus | ""; onChange: (status: ListingStatus | "") => void }) {
  const { t } = useI18n();
  return (
    <label className="inline">
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as ListingStatus | "")}>
        <option value="">{props.emptyLabel}</option>
        {LISTING_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t.listingStatus[s]}
          </option>
        ))}
      </select>
    </label>
  );
}
