import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import { formatArea, formatFraction } from "../format.ts";
import { sk } from "../strings.ts";

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
  const units = getFragmentData(UnitRowFields, props.units);
  if (units.length === 0) return <p className="notice">{sk.buildings.noUnits}</p>;
  return (
    <table className="units">
      <thead>
        <tr>
          <th>{sk.buildings.unit}</th>
          <th>{sk.buildings.type}</th>
          <th>{sk.buildings.entrance}</th>
          <th>{sk.buildings.floor}</th>
          <th>{sk.buildings.rooms}</th>
          <th>{sk.buildings.area}</th>
          <th>{sk.buildings.share}</th>
        </tr>
      </thead>
      <tbody>
        {units.map((unit) => (
          <tr key={unit.id}>
            <td>{unit.designation ?? "—"}</td>
            <td>{sk.unitType[unit.type]}</td>
            <td>{unit.entrance?.designation ?? "—"}</td>
            <td>{unit.floor ?? "—"}</td>
            <td>{unit.rooms ?? "—"}</td>
            <td>{unit.sizeSqm ? formatArea(unit.sizeSqm) : "—"}</td>
            <td>{unit.ownershipShare ? formatFraction(unit.ownershipShare) : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
