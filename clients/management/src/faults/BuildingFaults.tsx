import { useQuery, useSubscription } from "@apollo/client/react";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { FaultRows } from "./FaultRows.tsx";

const BuildingFaultsQuery = graphql(`
  query BuildingFaults($buildingId: ID!) {
    faults(filter: { buildingId: $buildingId }, first: 50) {
      totalCount
      edges {
        cursor
        node {
          id
          ...FaultRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const FaultUpdated = graphql(`
  subscription FaultUpdated($buildingId: ID!) {
    faultUpdated(buildingId: $buildingId) {
      faultId
      event
      fault {
        id
        ...FaultRow
      }
    }
  }
`);

/**
 * A building's faults, kept live: each event carries the fault, which the cache merges by id
 * (a status change shows at once); a fault the list does not hold yet makes it re-read.
 */
export function BuildingFaults({ buildingId }: { buildingId: string }) {
  const { t } = useI18n();
  const { data, refetch } = useQuery(BuildingFaultsQuery, { variables: { buildingId } });
  useSubscription(FaultUpdated, {
    variables: { buildingId },
    onData: ({ data: event }) => {
      const faultId = event.data?.faultUpdated.faultId;
      const known = data?.faults.edges.some((edge) => edge.node.id === faultId);
      if (faultId && !known) void refetch();
    },
  });
  return (
    <section>
      <h2>
        {t.buildings.faults} <span className="live">● {t.buildings.live}</span>
      </h2>
      {data && <FaultRows faults={data.faults.edges.map((edge) => edge.node)} />}
    </section>
  );
}
