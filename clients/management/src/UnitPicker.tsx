import { useQuery } from "@apollo/client/react";
import { MyHome } from "@ppt/client-shared/operations";
import { formatAddress } from "./format.ts";
import { useI18n } from "./i18n/I18nContext.tsx";

export interface UnitChoice {
  buildingId: string | null;
  unitId: string | null;
}

/**
 * A building and one of its units as the caller sees them (staff: the organization's; residents:
 * the units they own or live in). Used by the meters and rentals screens; the choice lives in the URL.
 */
export function UnitPicker({ value, onChange, withUnit = true }: { value: UnitChoice; onChange: (next: UnitChoice) => void; withUnit?: boolean }) {
  const { t } = useI18n();
  const { data } = useQuery(MyHome);
  const buildings = data?.buildings.edges.map((edge) => edge.node) ?? [];
  const building = buildings.find((b) => b.id === value.buildingId) ?? buildings[0];
  return (
    <p className="actions unit-picker">
      <label className="inline">
        {t.unitPicker.building}{" "}
        <select value={building?.id ?? ""} onChange={(e) => onChange({ buildingId: e.target.value, unitId: null })}>
          {buildings.length === 0 && <option value="">{t.unitPicker.noBuilding}</option>}
          {buildings.map((b) => (
            <option key={b.id} value={b.id}>
              {formatAddress(b)}
            </option>
          ))}
        </select>
      </label>
      {withUnit && (
        <label className="inline">
          {t.unitPicker.unit}{" "}
          <select value={value.unitId ?? ""} onChange={(e) => onChange({ buildingId: building?.id ?? null, unitId: e.target.value || null })}>
            <option value="">{t.unitPicker.chooseUnit}</option>
            {building?.units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.designation}
              </option>
            ))}
          </select>
        </label>
      )}
    </p>
  );
}

/** The building the picker shows when none is chosen yet: the first the caller sees. */
export function useDefaultBuilding(chosen: string | null): string | null {
  const { data } = useQuery(MyHome);
  return chosen ?? data?.buildings.edges[0]?.node.id ?? null;
}
