import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import { formatFraction } from "../format.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { entranceCode } from "../i18n/sk.ts";

export const UnitRowFields = graphql(`
  fragment UnitRow on Unit {
    id
    designation
    floor
    rooms
    sizeSqm
    type
    ownershipShare {
      numerator
      denominator
    }
    entrance {
      id
      designation
    }
  }
`);

/** The units of a building the caller may see (all for staff, their own for residents). */
export function UnitTable(props: { units: readonly FragmentType<typeof UnitRowFields>[] }) {
  const { t, format } = useI18n();
  const units = getFragmentData(UnitRowFields, props.units);
  if (units.length === 0) return <p className="notice">{t.buildings.noUnits}</p>;
  return (
    <table className="units">
      <thead>
        <tr>
          <th>{t.buildings.unit}</th>
          <th>{t.buildings.type}</th>
          <th>{t.buildings.entrance}</th>
          <th>{t.buildings.floor}</th>
          <th>{t.buildings.rooms}</th>
          <th>{t.buildings.area}</th>
          <th>{t.buildings.share}</th>
        </tr>
      </thead>
      <tbody>
        {units.map((unit) => (
          <tr key={unit.id}>
            <td>{unit.designation ?? "—"}</td>
            <td>{t.unitType[unit.type]}</td>
            <td>{unit.entrance ? entranceCode(unit.entrance.designation) : "—"}</td>
            <td>{unit.floor ?? "—"}</td>
            <td>{unit.rooms ?? "—"}</td>
            <td>{unit.sizeSqm ? format.area(unit.sizeSqm) : "—"}</td>
            <td>{unit.ownershipShare ? formatFraction(unit.ownershipShare) : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
