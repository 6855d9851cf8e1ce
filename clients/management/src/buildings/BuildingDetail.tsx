import { useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import { isNotFound } from "@ppt/client-shared";
import { Fact } from "../Fact.tsx";
import { formatAddress } from "../format.ts";
import { BuildingFaults } from "../faults/BuildingFaults.tsx";
import { graphql } from "../generated/gql.ts";
import { usePermission } from "../session/SessionContext.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { newVotePath, votesPath } from "../voting/vote-paths.ts";
import { UnitImport } from "./UnitImport.tsx";
import { UnitTable } from "./UnitTable.tsx";

const BuildingDetailQuery = graphql(`
  query BuildingDetail($id: ID!) {
    building(id: $id) {
      id
      name
      street
      streetNumber
      city
      postalCode
      yearBuilt
      totalFloors
      amenities
      entrances {
        id
        designation
        street
        addressNumber
      }
      units {
        id
        designation
        ...UnitRow
      }
    }
  }
`);

/** One building: its facts, entrances, units, and its faults as they change. */
export function BuildingDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(BuildingDetailQuery, { variables: { id } });
  const staff = usePermission("votes:write");
  const setsUp = usePermission("buildings:write");
  if (loading && !data) return <p className="notice">{t.loading}</p>;
  const building = data?.building;
  if (!building) return <p className="notice">{error && !isNotFound(error) ? t.loadFailed : t.notFound}</p>;
  return (
    <article>
      <Link href="/budovy">{t.back}</Link>
      <h1>{formatAddress(building)}</h1>
      {building.name && <p className="muted">{building.name}</p>}
      <p className="actions">
        <Link href={votesPath({ buildingId: building.id })}>{t.buildings.votes}</Link>
        {staff && <Link href={newVotePath(building.id)}>{t.buildings.newVote}</Link>}
        {setsUp && <Link href={`/budovy/${building.id}/upravit`}>{t.setup.editBuilding}</Link>}
      </p>
      <dl className="facts">
        <Fact label={t.buildings.postalCode} value={building.postalCode} />
        {building.yearBuilt != null && <Fact label={t.buildings.yearBuilt} value={String(building.yearBuilt)} />}
        {building.totalFloors != null && <Fact label={t.buildings.floors} value={String(building.totalFloors)} />}
        {building.amenities.length > 0 && <Fact label={t.buildings.amenities} value={building.amenities.join(", ")} />}
      </dl>
      <h2>{t.buildings.entrances}</h2>
      {building.entrances.length === 0 ? (
        <p className="notice">{t.buildings.noEntrances}</p>
      ) : (
        <ul className="rows">
          {building.entrances.map((entrance) => (
            <li key={entrance.id}>
              <strong>{t.buildings.entranceLabel(entrance.designation)}</strong>
              {entrance.street && <span className="muted">{` · ${[entrance.street, entrance.addressNumber].filter(Boolean).join(" ")}`}</span>}
            </li>
          ))}
        </ul>
      )}
      <h2>{t.buildings.units}</h2>
      <UnitTable units={building.units} />
      {setsUp && <UnitImport buildingId={building.id} />}
      <BuildingFaults buildingId={building.id} />
    </article>
  );
}
