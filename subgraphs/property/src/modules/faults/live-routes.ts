// The live channels of fault events: the building's (`faultUpdated(buildingId)`) and the
// fault's own. Every fault event's payload carries `buildingId` for this.
import { routeKey, type LiveRoutes } from "@ppt/server-kit";

export const buildingFaultsChannel = (buildingId: string) => `building:${buildingId}`;
export const faultChannel = (faultId: string) => `fault:${faultId}`;

export const faultLiveRoutes: LiveRoutes = {
  "fault.*": (event) => [buildingFaultsChannel(routeKey(event, "buildingId")), faultChannel(event.aggregateId)],
};
