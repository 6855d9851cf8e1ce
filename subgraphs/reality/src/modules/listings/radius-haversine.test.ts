// A radius search decides by the haversine formula away from its circle and by earth_distance
// within a metre of it (listing-sql.ts, withinRadius): for points just inside and just outside
// the radius, on every bearing, from the equator to near a pole and from 50 m to the largest
// radius the filter takes, the condition agrees with earth_distance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@ppt/db/client";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { destination } from "@ppt/testing/reality";
import { withinRadius } from "./listing-sql.ts";

let db: TestDatabase;
let owner: DbHandle;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = connectDatabase(db.ownerUrl, { max: 1 });
});

afterAll(async () => {
  await owner?.close();
  await db?.drop();
});

const LATITUDES = [-60, 0, 48.1486, 70, 84];
const RADII = [50, 3_000, 100_000, 500_000];
// Past the metre where earth_distance decides (the haversine's own answer), and inside it.
const OFFSETS = [-25, -3, -1.5, -0.4, 0.4, 1.5, 3, 25];

describe("a radius search's haversine", () => {
  it.each(LATITUDES)("agrees with earth_distance around the circle at latitude %d", async (latitude) => {
    const longitude = 17.1077;
    for (const meters of RADII) {
      const points = [0, 45, 90, 135, 180, 225, 270, 315].flatMap((bearing) =>
        OFFSETS.map((offset) => destination(latitude, longitude, meters + offset, bearing)),
      );
      const rows = await owner.prisma.$queryRaw<{ within: boolean; measured: boolean }[]>(Prisma.sql`
        SELECT ${withinRadius(latitude, longitude, meters)} AS within,
               public.earth_distance(public.ll_to_earth(${latitude}::float8, ${longitude}::float8), public.ll_to_earth(l.latitude, l.longitude)) <= ${meters}::float8 AS measured
        FROM unnest(${points.map((p) => p.latitude)}::float8[], ${points.map((p) => p.longitude)}::float8[]) AS l(latitude, longitude)`);
      expect(rows).toHaveLength(points.length);
      const disagreements = rows.map((row, i) => ({ ...row, point: points[i] })).filter((row) => row.within !== row.measured);
      expect(disagreements, `${meters} m`).toEqual([]);
      // The points straddle the circle: some in, some out.
      expect(rows.filter((row) => row.measured).length, `${meters} m`).toBe(points.length / 2);
    }
  });
});
