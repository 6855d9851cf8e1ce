// The rectangle a radius search takes as inside its circle without measuring (listing-sql.ts,
// radiusInnerBox) lies wholly inside it as earthdistance measures: its corners and edge midpoints,
// from the equator to near a pole, for radii from a metre to the largest it is used for, are
// nearer the centre than the radius; and it is not needlessly small (its corners reach 99 % of it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { radiusInnerBox } from "./listing-sql.ts";

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

const LATITUDES = [-84, -60, -0.001, 0, 0.01, 30, 48.1486, 70, 84];
const RADII = [1, 50, 3_000, 100_000, 600_000];

describe("the rectangle inside a radius", () => {
  it.each(LATITUDES)("lies inside the circle at latitude %d, for every radius", async (latitude) => {
    for (const meters of RADII) {
      const box = radiusInnerBox(latitude, 17.1077, meters);
      expect(box, `${meters} m`).not.toBeNull();
      const { south, north, west, east } = box!;
      const points = [
        [south, west],
        [south, east],
        [north, west],
        [north, east],
        [south, 17.1077],
        [north, 17.1077],
        [latitude, west],
        [latitude, east],
      ];
      const rows = await owner.prisma.$queryRawUnsafe<{ distance: number }[]>(
        `SELECT public.earth_distance(public.ll_to_earth($1::float8, $2::float8), public.ll_to_earth(p.lat, p.lng)) AS distance
         FROM unnest($3::float8[], $4::float8[]) p(lat, lng)`,
        latitude,
        17.1077,
        points.map(([lat]) => lat),
        points.map(([, lng]) => lng),
      );
      const farthest = Math.max(...rows.map((row) => row.distance));
      expect(farthest, `${meters} m`).toBeLessThan(meters);
      expect(farthest, `${meters} m`).toBeGreaterThan(meters * 0.99);
    }
  });

  it("is not used near a pole, across the antimeridian or for radii beyond 600 km", () => {
    expect(radiusInnerBox(89.99, 0, 2_500)).toBeNull();
    expect(radiusInnerBox(48, 179.999, 1_500)).toBeNull();
    expect(radiusInnerBox(48, 17, 700_000)).toBeNull();
  });
});
