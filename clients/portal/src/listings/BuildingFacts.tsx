import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";

export const BuildingFactsFields = graphql(`
  fragment BuildingFacts on Building {
    id
    street
    streetNumber
    city
    yearBuilt
    totalFloors
    amenities
  }
`);

/** The public facts of the managed building a listed unit is in (served by the property subgraph). */
export function BuildingFacts(props: { building: FragmentType<typeof BuildingFactsFields> }) {
  const { t } = useI18n();
  const building = getFragmentData(BuildingFactsFields, props.building);
  // The number is null when the listing shows only the street.
  const address = `${[building.street, building.streetNumber].filter(Boolean).join(" ")}, ${building.city}`;
  return (
    <section className="building-facts">
      <h2>{t.listing.building}</h2>
      <dl className="facts-table">
        <div>
          <dt>{t.listing.address}</dt>
          <dd>{address}</dd>
        </div>
        {building.yearBuilt != null && (
          <div>
            <dt>{t.listing.yearBuilt}</dt>
            <dd>{building.yearBuilt}</dd>
          </div>
        )}
        {building.totalFloors != null && (
          <div>
            <dt>{t.listing.totalFloors}</dt>
            <dd>{building.totalFloors}</dd>
          </div>
        )}
        {building.amenities.length > 0 && (
          <div>
            <dt>{t.listing.amenities}</dt>
            <dd>{building.amenities.join(", ")}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
