// Realistic, idempotent demo data: two organizations (a housing cooperative in Košice and a
// property manager in Bratislava) with buildings, units, exact ownership shares (co-owned units
// included), tenants, faults, an open vote and a conversation; agencies, realtors and a few
// hundred listings on the portal, some of them offering managed units.
// Every id is deterministic and every insert skips existing rows: a second run changes nothing.
import { hash } from "@node-rs/argon2";
import type { PrismaClient } from "../../generated/client/client.ts";
import { daysFromReference, pick, prng, REFERENCE_DATE, seedId } from "./ids.ts";
import { askingPrice, flatTitle, listingFacts, listingStatus, publishedAt } from "./listings.ts";
import { cities, kosiceOkolie, type City } from "./places.ts";

export { seedListingPhotos, type PhotoWriter } from "./photos.ts";
// A seeded generator for tests whose data must be "random" yet the same every run.
export { prng } from "./ids.ts";

export const DEMO_PASSWORD = "Heslo123!";
export const SUPER_ADMIN_PASSWORD = "Spravca-Systemu-2026!";

export interface DemoAccount {
  email: string;
  password: string;
  role: string;
  organization: string;
}

interface OrgSpec {
  id: string;
  name: string;
  slug: string;
  type: "HOUSING_COOPERATIVE" | "PROPERTY_MANAGEMENT";
  city: City;
}

// The system roles' rows, so memberships can reference them. What each role may do belongs to the
// property subgraph (its organizations module), which rewrites these rows' names and permissions
// at every start: the database package stays below everything and imports none of it.
const systemRoleKeys = ["super_admin", "org_admin", "manager", "contractor", "owner", "tenant", "guest"] as const;

const KOSICE: OrgSpec = {
  id: seedId("org:bd-kosice"),
  name: "Bytové družstvo Košice-Sever",
  slug: "bd-kosice-sever",
  type: "HOUSING_COOPERATIVE",
  city: cities[1]!,
};
const BRATISLAVA: OrgSpec = {
  id: seedId("org:sd-bratislava"),
  name: "Správa domov Bratislava s.r.o.",
  slug: "sprava-domov-bratislava",
  type: "PROPERTY_MANAGEMENT",
  city: cities[0]!,
};
const ORGANIZATIONS = [KOSICE, BRATISLAVA];

interface PersonSpec {
  key: string;
  first: string;
  last: string;
  email: string;
  org: OrgSpec | null;
  role: (typeof systemRoleKeys)[number] | null;
}

const people: PersonSpec[] = [
  { key: "superadmin", first: "Peter", last: "Systémový", email: "admin@ppt.sk", org: null, role: null },
  { key: "ke-admin", first: "Zuzana", last: "Horváthová", email: "predseda@bd-kosice.sk", org: KOSICE, role: "org_admin" },
  { key: "ke-manager", first: "Marek", last: "Kováč", email: "spravca@bd-kosice.sk", org: KOSICE, role: "manager" },
  { key: "ke-owner-1", first: "Jana", last: "Nováková", email: "jana.novakova@example.sk", org: KOSICE, role: "owner" },
  { key: "ke-owner-2", first: "Ján", last: "Novák", email: "jan.novak@example.sk", org: KOSICE, role: "owner" },
  { key: "ke-owner-3", first: "Eva", last: "Szabóová", email: "eva.szaboova@example.sk", org: KOSICE, role: "owner" },
  { key: "ke-owner-4", first: "Ľubomír", last: "Čech", email: "lubomir.cech@example.sk", org: KOSICE, role: "owner" },
  { key: "ke-owner-5", first: "Mária", last: "Šimková", email: "maria.simkova@example.sk", org: KOSICE, role: "owner" },
  { key: "ke-owner-6", first: "Tomáš", last: "Ďurica", email: "tomas.durica@example.sk", org: KOSICE, role: "owner" },
  { key: "ke-tenant", first: "Katarína", last: "Bieliková", email: "katarina.bielikova@example.sk", org: KOSICE, role: "tenant" },
  { key: "ke-contractor", first: "Igor", last: "Vodár", email: "servis@vodoinstal-ke.sk", org: KOSICE, role: "contractor" },
  { key: "ba-admin", first: "Andrea", last: "Mikulová", email: "riaditelka@sprava-ba.sk", org: BRATISLAVA, role: "org_admin" },
  { key: "ba-manager", first: "Martin", last: "Polák", email: "spravca@sprava-ba.sk", org: BRATISLAVA, role: "manager" },
  { key: "ba-owner-1", first: "Róbert", last: "Kollár", email: "robert.kollar@example.sk", org: BRATISLAVA, role: "owner" },
  { key: "ba-owner-2", first: "Lucia", last: "Hudecová", email: "lucia.hudecova@example.sk", org: BRATISLAVA, role: "owner" },
  { key: "ba-owner-3", first: "Štefan", last: "Baláž", email: "stefan.balaz@example.sk", org: BRATISLAVA, role: "owner" },
  { key: "ba-tenant", first: "Natália", last: "Vargová", email: "natalia.vargova@example.sk", org: BRATISLAVA, role: "tenant" },
];

export const demoAccounts: DemoAccount[] = [
  { email: "admin@ppt.sk", password: SUPER_ADMIN_PASSWORD, role: "super admin (platform)", organization: "—" },
  ...people
    .filter((p) => p.org && ["ke-admin", "ke-manager", "ke-owner-1", "ke-tenant", "ke-contractor", "ba-admin", "ba-manager"].includes(p.key))
    .map((p) => ({ email: p.email, password: DEMO_PASSWORD, role: p.role!, organization: p.org!.name })),
  { email: "kupujuci@example.sk", password: DEMO_PASSWORD, role: "portal user", organization: "Reality Portal" },
  { email: "makler@reality-vychod.sk", password: DEMO_PASSWORD, role: "realtor (agency admin)", organization: "Reality Východ s.r.o." },
];

/** One organization's rows in one transaction: generous limits, a slow machine must not abort it. */
const SEED_TRANSACTION = { maxWait: 30_000, timeout: 120_000 };

export interface SeedSummary {
  inserted: number;
  /** Every listing the seed stands for (also those an earlier run inserted): `seedListingPhotos` gives them photos. */
  listingIds: string[];
}

const userId = (key: string) => seedId(`user:${key}`);

/** One building's layout: its units' floor areas decide their shares of the common parts. */
interface BuildingSpec {
  key: string;
  org: OrgSpec;
  street: string;
  number: string;
  district: string;
  yearBuilt: number;
  floors: number;
  entrances: number;
  unitsPerFloor: number;
  latitude: number;
  longitude: number;
}

const buildings: BuildingSpec[] = [
  {
    key: "ke-1",
    org: KOSICE,
    street: "Hlavná",
    number: "12",
    district: "Košice-Staré Mesto",
    yearBuilt: 1962,
    floors: 5,
    entrances: 1,
    unitsPerFloor: 2,
    latitude: 48.7203,
    longitude: 21.2577,
  },
  {
    key: "ke-2",
    org: KOSICE,
    street: "Popradská",
    number: "68",
    district: "Juh",
    yearBuilt: 1978,
    floors: 8,
    entrances: 2,
    unitsPerFloor: 2,
    latitude: 48.7011,
    longitude: 21.2619,
  },
  {
    key: "ke-3",
    org: KOSICE,
    street: "Trieda SNP",
    number: "41",
    district: "Západ",
    yearBuilt: 1984,
    floors: 4,
    entrances: 1,
    unitsPerFloor: 3,
    latitude: 48.7106,
    longitude: 21.2335,
  },
  {
    key: "ba-1",
    org: BRATISLAVA,
    street: "Račianska",
    number: "45",
    district: "Nové Mesto",
    yearBuilt: 1958,
    floors: 4,
    entrances: 1,
    unitsPerFloor: 3,
    latitude: 48.1667,
    longitude: 17.1303,
  },
  {
    key: "ba-2",
    org: BRATISLAVA,
    street: "Budatínska",
    number: "7",
    district: "Petržalka",
    yearBuilt: 1981,
    floors: 6,
    entrances: 2,
    unitsPerFloor: 2,
    latitude: 48.1244,
    longitude: 17.1062,
  },
  {
    key: "ba-3",
    org: BRATISLAVA,
    street: "Karloveská",
    number: "3",
    district: "Karlova Ves",
    yearBuilt: 2019,
    floors: 5,
    entrances: 1,
    unitsPerFloor: 2,
    latitude: 48.1552,
    longitude: 17.0627,
  },
];

export interface SeedOptions {
  /** How many portal listings (default: the full demo set). */
  listings?: number;
}

export async function seed(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedSummary> {
  let inserted = 0;
  const count = (result: { count: number }) => (inserted += result.count);
  const random = prng(20260115);
  const demoHash = await hash(DEMO_PASSWORD, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const adminHash = await hash(SUPER_ADMIN_PASSWORD, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });

  // --- platform and identity (no RLS) ---------------------------------------------------------
  count(
    await prisma.organization.createMany({
      skipDuplicates: true,
      data: ORGANIZATIONS.map((o, i) => ({
        id: o.id,
        name: o.name,
        slug: o.slug,
        type: o.type,
        contactEmail: i === 0 ? "info@bd-kosice.sk" : "kancelaria@sprava-ba.sk",
        contactPhone: i === 0 ? "+421 55 123 4567" : "+421 2 5443 2100",
        ico: i === 0 ? "00171234" : "45987654",
        dic: i === 0 ? "2020456789" : "2023987654",
        city: o.city.name,
        postalCode: o.city.postalCode,
        branding: { primaryColor: i === 0 ? "#1f6f43" : "#0b4f8a" },
        settings: { language: "sk", currency: "EUR" },
      })),
    }),
  );
  count(
    await prisma.role.createMany({
      skipDuplicates: true,
      data: systemRoleKeys.map((key) => ({ id: seedId(`role:${key}`), key, name: key.replace("_", " "), isSystem: true })),
    }),
  );
  count(
    await prisma.user.createMany({
      skipDuplicates: true,
      data: people.map((p) => ({
        id: userId(p.key),
        email: p.email,
        passwordHash: p.key === "superadmin" ? adminHash : demoHash,
        firstName: p.first,
        lastName: p.last,
        emailVerifiedAt: REFERENCE_DATE,
        isSuperAdmin: p.key === "superadmin",
      })),
    }),
  );
  const members = people.filter((p) => p.org);
  count(
    await prisma.organizationMember.createMany({
      skipDuplicates: true,
      data: members.map((p) => ({ id: seedId(`member:${p.key}`), organizationId: p.org!.id, userId: userId(p.key), joinedAt: daysFromReference(-400) })),
    }),
  );
  count(
    await prisma.userRole.createMany({
      skipDuplicates: true,
      data: members.map((p) => ({ id: seedId(`user-role:${p.key}`), organizationId: p.org!.id, userId: userId(p.key), roleId: seedId(`role:${p.role}`) })),
    }),
  );

  // --- property (RLS: written per organization with the tenant set) ----------------------------
  const listedUnits: { unitId: string; org: OrgSpec; spec: BuildingSpec; floor: number; rooms: number; size: number }[] = [];
  for (const org of ORGANIZATIONS) {
    await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.current_org', ${org.id}, true)`;
      const specs = buildings.filter((b) => b.org === org);
      const owners = people.filter((p) => p.org === org && p.role === "owner");
      const tenant = people.find((p) => p.org === org && p.role === "tenant")!;
      const manager = people.find((p) => p.org === org && p.role === "manager")!;
      const units: { id: string; buildingId: string; entranceId: string; floor: number; rooms: number; sizeCenti: number; spec: BuildingSpec }[] = [];
      for (const spec of specs) {
        const buildingId = seedId(`building:${spec.key}`);
        const entrances = Array.from({ length: spec.entrances }, (_, i) => ({
          id: seedId(`entrance:${spec.key}:${i}`),
          designation: String(i + 1),
          number: String(Number(spec.number) + i * 2),
        }));
        const layout: typeof units = [];
        for (let floor = 1; floor <= spec.floors; floor++) {
          for (let n = 1; n <= spec.unitsPerFloor; n++) {
            const rooms = 1 + ((floor + n) % 4);
            const sizeCenti = (28 + rooms * 17 + ((floor * 7 + n * 3) % 9)) * 100 + ((n * 37) % 100);
            layout.push({
              id: seedId(`unit:${spec.key}:${floor}:${n}`),
              buildingId,
              entranceId: entrances[(n - 1) % entrances.length]!.id,
              floor,
              rooms,
              sizeCenti,
              spec,
            });
          }
        }
        // Shares of the common parts: floor area over the building's total area, exact.
        const totalCenti = layout.reduce((sum, u) => sum + u.sizeCenti, 0);
        count(
          await tx.building.createMany({
            skipDuplicates: true,
            data: [
              {
                id: buildingId,
                organizationId: org.id,
                name: `Bytový dom ${spec.street} ${spec.number}`,
                street: spec.street,
                streetNumber: spec.number,
                city: org.city.name,
                district: spec.district,
                postalCode: org.city.postalCode,
                latitude: spec.latitude,
                longitude: spec.longitude,
                yearBuilt: spec.yearBuilt,
                totalFloors: spec.floors,
                totalUnits: layout.length,
                shareDenominator: totalCenti,
                amenities: spec.floors > 4 ? ["výťah", "kočikáreň", "pivnice"] : ["kočikáreň", "pivnice"],
              },
            ],
          }),
        );
        count(
          await tx.entrance.createMany({
            skipDuplicates: true,
            data: entrances.map((e) => ({ id: e.id, organizationId: org.id, buildingId, designation: e.designation, addressNumber: e.number })),
          }),
        );
        count(
          await tx.unit.createMany({
            skipDuplicates: true,
            data: layout.map((u, i) => ({
              id: u.id,
              organizationId: org.id,
              buildingId,
              entranceId: u.entranceId,
              designation: `${u.floor}.${String(i + 1).padStart(2, "0")}`,
              floor: u.floor,
              rooms: u.rooms,
              sizeSqm: (u.sizeCenti / 100).toFixed(2),
              type: "FLAT" as const,
              shareNumerator: u.sizeCenti,
              shareDenominator: totalCenti,
            })),
          }),
        );
        units.push(...layout);
      }

      // Ownerships: each unit one owner, except co-owned units (1/2 + 1/2 and 1/3 + 2/3).
      const ownerships: { unitId: string; userKey: string; num: number; den: number }[] = [];
      units.forEach((u, i) => {
        const first = owners[i % owners.length]!.key;
        const second = owners[(i + 1) % owners.length]!.key;
        if (i === 0) ownerships.push({ unitId: u.id, userKey: first, num: 1, den: 2 }, { unitId: u.id, userKey: second, num: 1, den: 2 });
        else if (i === 1) ownerships.push({ unitId: u.id, userKey: first, num: 1, den: 3 }, { unitId: u.id, userKey: second, num: 2, den: 3 });
        else ownerships.push({ unitId: u.id, userKey: first, num: 1, den: 1 });
      });
      count(
        await tx.unitOwnership.createMany({
          skipDuplicates: true,
          data: ownerships.map((o, i) => ({
            id: seedId(`ownership:${o.unitId}:${o.userKey}:${i}`),
            organizationId: org.id,
            unitId: o.unitId,
            userId: userId(o.userKey),
            shareNumerator: o.num,
            shareDenominator: o.den,
            validFrom: daysFromReference(-2000),
          })),
        }),
      );
      count(
        await tx.unitOccupancy.createMany({
          skipDuplicates: true,
          data: [
            {
              id: seedId(`occupancy:${org.id}`),
              organizationId: org.id,
              unitId: units[2]!.id,
              userId: userId(tenant.key),
              kind: "TENANT",
              validFrom: daysFromReference(-300),
            },
          ],
        }),
      );

      // Faults with their status history in order.
      const statuses = ["NEW", "TRIAGED", "IN_PROGRESS", "RESOLVED", "CLOSED"] as const;
      const faultTitles = [
        "Kvapkajúci kohútik v pivnici",
        "Nesvieti svetlo na 3. poschodí",
        "Nefunguje výťah",
        "Zatekanie strechy nad vchodom",
        "Rozbité sklo na vchodových dverách",
        "Studené radiátory v byte",
        "Upchatý odpad v spoločnej práčovni",
        "Poškodená poštová schránka",
      ];
      const categories = ["PLUMBING", "ELECTRICAL", "ELEVATOR", "ROOF", "WINDOWS_DOORS", "HEATING", "PLUMBING", "COMMON_AREAS"] as const;
      const faults = faultTitles.map((title, i) => ({ title, i, status: statuses[i % statuses.length]!, unit: units[(i * 3) % units.length]! }));
      count(
        await tx.fault.createMany({
          skipDuplicates: true,
          data: faults.map((f) => ({
            id: seedId(`fault:${org.id}:${f.i}`),
            organizationId: org.id,
            buildingId: f.unit.buildingId,
            unitId: f.unit.id,
            reporterId: userId(owners[f.i % owners.length]!.key),
            assigneeId: f.status === "NEW" ? null : userId(manager.key),
            title: f.title,
            description: `${f.title}. Prosím o kontrolu.`,
            category: categories[f.i]!,
            priority: f.i % 3 === 0 ? "HIGH" : "MEDIUM",
            status: f.status,
            createdAt: daysFromReference(-30 + f.i),
            resolvedAt: ["RESOLVED", "CLOSED"].includes(f.status) ? daysFromReference(-20 + f.i) : null,
          })),
        }),
      );
      count(
        await tx.faultStatusHistory.createMany({
          skipDuplicates: true,
          data: faults.flatMap((f) =>
            statuses.slice(0, statuses.indexOf(f.status) + 1).map((to, step) => ({
              id: seedId(`fault-history:${org.id}:${f.i}:${step}`),
              organizationId: org.id,
              faultId: seedId(`fault:${org.id}:${f.i}`),
              fromStatus: step === 0 ? null : statuses[step - 1]!,
              toStatus: to,
              changedById: userId(step === 0 ? owners[f.i % owners.length]!.key : manager.key),
              createdAt: daysFromReference(-30 + f.i + step),
            })),
          ),
        }),
      );

      // An open vote (and a closed one) in the first building, eligibility frozen at publication.
      const voteBuilding = specs[0]!;
      const voteUnits = units.filter((u) => u.spec === voteBuilding);
      for (const [index, open] of [
        [0, true],
        [1, false],
      ] as const) {
        const voteId = seedId(`vote:${org.id}:${index}`);
        count(
          await tx.vote.createMany({
            skipDuplicates: true,
            data: [
              {
                id: voteId,
                organizationId: org.id,
                buildingId: voteUnits[0]!.buildingId,
                createdById: userId(manager.key),
                title: open ? "Výmena výťahu" : "Schválenie plánu opráv na rok 2026",
                question: open ? "Súhlasíte s výmenou výťahu financovanou úverom zo ŠFRB?" : "Súhlasíte s plánom opráv na rok 2026?",
                matterType: open ? "QUALIFIED_TWO_THIRDS" : "WRITTEN_BALLOT",
                status: open ? "PUBLISHED" : "CLOSED",
                startsAt: daysFromReference(open ? -1 : -60),
                endsAt: daysFromReference(open ? 14 : -45),
                publishedAt: daysFromReference(open ? -1 : -60),
                eligibilityFrozenAt: daysFromReference(open ? -1 : -60),
                closedAt: open ? null : daysFromReference(-45),
              },
            ],
          }),
        );
        count(
          await tx.voteOption.createMany({
            skipDuplicates: true,
            data: ["Áno", "Nie", "Zdržal sa"].map((label, position) => ({
              id: seedId(`vote-option:${voteId}:${position}`),
              organizationId: org.id,
              voteId,
              label,
              position,
            })),
          }),
        );
        count(
          await tx.voteEligibleUnit.createMany({
            skipDuplicates: true,
            data: voteUnits.map((u) => ({
              id: seedId(`vote-unit:${voteId}:${u.id}`),
              organizationId: org.id,
              voteId,
              unitId: u.id,
              weightNumerator: u.sizeCenti,
              weightDenominator: voteUnits.reduce((s, x) => s + x.sizeCenti, 0),
            })),
          }),
        );
        count(
          await tx.voteEligibleVoter.createMany({
            skipDuplicates: true,
            data: ownerships
              .filter((o) => voteUnits.some((u) => u.id === o.unitId))
              .map((o) => ({
                id: seedId(`vote-voter:${voteId}:${o.unitId}:${o.userKey}`),
                organizationId: org.id,
                voteId,
                unitId: o.unitId,
                userId: userId(o.userKey),
                shareNumerator: o.num,
                shareDenominator: o.den,
              })),
          }),
        );
        const castUnits = voteUnits.slice(0, open ? 2 : voteUnits.length - 1);
        count(
          await tx.ballot.createMany({
            skipDuplicates: true,
            data: castUnits.map((u) => ({
              id: seedId(`ballot:${voteId}:${u.id}`),
              organizationId: org.id,
              voteId,
              unitId: u.id,
              castById: userId(ownerships.find((o) => o.unitId === u.id)!.userKey),
              castAt: daysFromReference(open ? 0 : -50),
            })),
          }),
        );
        count(
          await tx.ballotChoice.createMany({
            skipDuplicates: true,
            data: castUnits.map((u, i) => ({
              id: seedId(`ballot-choice:${voteId}:${u.id}`),
              organizationId: org.id,
              ballotId: seedId(`ballot:${voteId}:${u.id}`),
              voteId,
              optionId: seedId(`vote-option:${voteId}:${i % 3 === 2 ? 1 : 0}`),
            })),
          }),
        );
      }

      // A group conversation: the manager and two residents.
      const conversationId = seedId(`conversation:${org.id}`);
      const participants = [manager.key, owners[0]!.key, owners[1]!.key];
      count(
        await tx.conversation.createMany({
          skipDuplicates: true,
          data: [
            {
              id: conversationId,
              organizationId: org.id,
              kind: "GROUP",
              title: `Dom ${voteBuilding.street} ${voteBuilding.number}`,
              buildingId: seedId(`building:${voteBuilding.key}`),
              createdById: userId(manager.key),
              lastMessageAt: daysFromReference(-1),
            },
          ],
        }),
      );
      count(
        await tx.conversationParticipant.createMany({
          skipDuplicates: true,
          data: participants.map((key) => ({
            id: seedId(`participant:${conversationId}:${key}`),
            organizationId: org.id,
            conversationId,
            userId: userId(key),
          })),
        }),
      );
      const lines = ["Dobrý deň, v piatok bude odstávka vody od 8:00 do 12:00.", "Ďakujem za info. Týka sa to aj teplej vody?", "Áno, celého domu."];
      count(
        await tx.message.createMany({
          skipDuplicates: true,
          data: lines.map((body, i) => ({
            id: seedId(`message:${conversationId}:${i}`),
            organizationId: org.id,
            conversationId,
            senderId: userId(participants[i === 1 ? 1 : 0]!),
            body,
            createdAt: daysFromReference(-3 + i),
          })),
        }),
      );

      // Units offered on the portal by their manager.
      for (const u of units.filter((_, i) => i % 7 === 3).slice(0, 4))
        listedUnits.push({ unitId: u.id, org, spec: u.spec, floor: u.floor, rooms: u.rooms, size: u.sizeCenti / 100 });
    }, SEED_TRANSACTION);
  }

  // --- reality (no RLS) -------------------------------------------------------------------------
  const agencies = ["Reality Východ s.r.o.", "Bratislavské reality", "Domov Slovensko", "Realitná kancelária Tatry", "Nitrianske bývanie"].map((name, i) => ({
    id: seedId(`agency:${i}`),
    name,
    slug: name
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/-$/, ""),
    city: cities[(i * 2) % cities.length]!.name,
  }));
  count(
    await prisma.agency.createMany({
      skipDuplicates: true,
      data: agencies.map((a) => ({
        ...a,
        email: `info@${a.slug}.sk`,
        status: "ACTIVE" as const,
        verifiedAt: new Date(),
        verificationMethod: "PLATFORM_ADMIN" as const,
      })),
    }),
  );
  const portalUsers = [
    { id: seedId("portal-user:buyer"), email: "kupujuci@example.sk", name: "Michal Kupujúci" },
    { id: seedId("portal-user:realtor"), email: "makler@reality-vychod.sk", name: "Veronika Makléřová" },
    { id: seedId("portal-user:renter"), email: "hladam.byt@example.sk", name: "Simona Hľadajúca" },
  ];
  count(
    await prisma.portalUser.createMany({
      skipDuplicates: true,
      data: portalUsers.map((u) => ({ ...u, passwordHash: demoHash, emailVerifiedAt: REFERENCE_DATE })),
    }),
  );
  const realtorNames = [
    "Veronika Makléřová",
    "Pavol Sedlák",
    "Alena Tóthová",
    "Juraj Krajčí",
    "Monika Bartošová",
    "Rastislav Hruška",
    "Silvia Lukáčová",
    "Dušan Oravec",
    "Ivana Jurčová",
    "Miroslav Gašpar",
    "Renáta Poláková",
    "Branislav Kmeť",
  ];
  const realtors = realtorNames.map((displayName, i) => ({
    id: seedId(`realtor:${i}`),
    displayName,
    email: `maklér${i}@example.sk`.normalize("NFD").replace(/[\u0300-\u036f]/g, ""),
    portalUserId: i === 0 ? portalUsers[1]!.id : null,
    languages: i % 3 === 0 ? ["sk", "en"] : ["sk"],
    status: "ACTIVE" as const,
  }));
  count(await prisma.realtor.createMany({ skipDuplicates: true, data: realtors }));
  count(
    await prisma.realtorLicense.createMany({
      skipDuplicates: true,
      data: realtors.map((r, i) => ({
        id: seedId(`license:${i}`),
        realtorId: r.id,
        number: `NARKS-${1000 + i}`,
        issuer: "Národná asociácia realitných kancelárií Slovenska",
        validFrom: daysFromReference(-900),
        validTo: daysFromReference(600),
      })),
    }),
  );
  count(
    await prisma.agencyRealtor.createMany({
      skipDuplicates: true,
      data: realtors.map((r, i) => ({
        id: seedId(`agency-realtor:${i}`),
        agencyId: agencies[i % agencies.length]!.id,
        realtorId: r.id,
        role: i < agencies.length ? ("OWNER" as const) : ("REALTOR" as const),
      })),
    }),
  );
  const features = ["balkon", "lodzia", "vytah", "parkovanie", "pivnica", "novostavba", "klimatizacia", "terasa", "zahrada", "garaz"];
  const featureLabels = [
    ["Balkón", "Balcony"],
    ["Lodžia", "Loggia"],
    ["Výťah", "Lift"],
    ["Parkovanie", "Parking"],
    ["Pivnica", "Cellar"],
    ["Novostavba", "New build"],
    ["Klimatizácia", "Air conditioning"],
    ["Terasa", "Terrace"],
    ["Záhrada", "Garden"],
    ["Garáž", "Garage"],
  ] as const;
  count(
    await prisma.listingFeature.createMany({
      skipDuplicates: true,
      data: features.map((key, i) => ({ id: seedId(`feature:${key}`), key, position: i, labels: { sk: featureLabels[i]![0], en: featureLabels[i]![1] } })),
    }),
  );

  const total = options.listings ?? 400;
  const places: City[] = [...cities, kosiceOkolie];
  const types = ["APARTMENT", "APARTMENT", "APARTMENT", "HOUSE", "COMMERCIAL", "LAND"] as const;
  // Realtor i works for agency i % agencies.length: a listing is listed by one of its own agency's realtors.
  const realtorsOf = agencies.map((_, a) => realtors.filter((_, i) => i % agencies.length === a));
  const listings = Array.from({ length: total }, (_, i) => {
    const city = pick(random, places);
    const district = pick(random, city.districts);
    const propertyType = pick(random, types);
    const facts = listingFacts(random, city, district, propertyType);
    const agency = i % agencies.length;
    const status = listingStatus(random(), facts.transactionType);
    const totalFloors = propertyType === "APARTMENT" ? 4 + Math.floor(random() * 9) : propertyType === "HOUSE" ? 1 + Math.floor(random() * 2) : null;
    return {
      id: seedId(`listing:${i}`),
      realtorId: pick(random, realtorsOf[agency]!).id,
      agencyId: agencies[agency]!.id,
      propertyType,
      transactionType: facts.transactionType,
      title: facts.title,
      description: facts.description,
      descriptionTranslations: i % 4 === 0 ? { en: facts.en } : {},
      street: pick(random, city.streets),
      streetNumber: String(1 + Math.floor(random() * 120)),
      city: city.name,
      district,
      postalCode: city.postalCode,
      latitude: city.latitude + (random() - 0.5) * 0.08,
      longitude: city.longitude + (random() - 0.5) * 0.12,
      addressVisibility: pick(random, ["FULL", "STREET", "STREET", "DISTRICT"] as const),
      price: String(facts.price),
      sizeSqm: facts.sizeSqm === null ? null : String(facts.sizeSqm),
      landSizeSqm: facts.landSizeSqm === null ? null : String(facts.landSizeSqm),
      rooms: facts.rooms,
      bathrooms: facts.rooms ? 1 + Math.floor(facts.rooms / 4) : null,
      floor: totalFloors !== null && propertyType === "APARTMENT" ? Math.floor(random() * totalFloors) : null,
      totalFloors,
      yearBuilt: propertyType === "LAND" ? null : 1950 + Math.floor(random() * 75),
      energyClass: propertyType === "LAND" ? null : pick(random, ["A0", "A1", "B", "C", "D", "E"] as const),
      features: propertyType === "LAND" ? [] : features.filter(() => random() < 0.3),
      status,
      isFeatured: random() < 0.05,
      publishedAt: publishedAt(random, status),
      createdAt: daysFromReference(-95),
    };
  });
  // Units of the property subgraph offered by their managers.
  listedUnits.forEach((u, i) => {
    const title = flatTitle(u.rooms, u.org.city.name, u.spec.district);
    listings.push({
      ...listings[i]!,
      id: seedId(`listing:unit:${u.unitId}`),
      realtorId: i % 2 === 0 ? realtors[0]!.id : (null as unknown as string),
      agencyId: i % 2 === 0 ? agencies[0]!.id : (null as unknown as string),
      title,
      description: `${title}, ${u.floor}. poschodie, ${u.size.toFixed(0)} m². Predáva vlastník cez správcu domu.`,
      descriptionTranslations: {},
      propertyType: "APARTMENT",
      transactionType: "SALE",
      price: String(askingPrice(random, u.org.city.name, "APARTMENT", "SALE", u.size)),
      city: u.org.city.name,
      district: u.spec.district,
      postalCode: u.org.city.postalCode,
      street: u.spec.street,
      streetNumber: u.spec.number,
      latitude: u.spec.latitude,
      longitude: u.spec.longitude,
      rooms: u.rooms,
      bathrooms: 1,
      sizeSqm: u.size.toFixed(2),
      landSizeSqm: null,
      floor: u.floor,
      totalFloors: u.spec.floors,
      yearBuilt: u.spec.yearBuilt,
      energyClass: u.spec.yearBuilt > 2010 ? "A1" : "C",
      features: u.spec.floors > 4 ? ["vytah", "pivnica"] : ["pivnica"],
      status: i === 3 ? "DRAFT" : "ACTIVE",
      publishedAt: i === 3 ? null : daysFromReference(-i - 1),
    });
  });
  count(
    await prisma.listing.createMany({
      skipDuplicates: true,
      data: listings.map((l, i) => {
        const unit = i >= total ? listedUnits[i - total] : undefined;
        return { ...l, unitId: unit?.unitId ?? null, organizationId: unit?.org.id ?? null };
      }),
    }),
  );
  count(
    await prisma.listingPriceHistory.createMany({
      skipDuplicates: true,
      data: listings
        .slice(0, 40)
        .filter((_, i) => i % 4 === 0)
        .map((l) => ({
          id: seedId(`price:${l.id}`),
          listingId: l.id,
          oldPrice: String(Math.round(Number(l.price) * 1.05)),
          newPrice: l.price,
          currency: "EUR",
          changedAt: daysFromReference(-10),
        })),
    }),
  );
  const buyer = portalUsers[0]!.id;
  const active = listings.filter((l) => l.status === "ACTIVE");
  count(
    await prisma.favorite.createMany({
      skipDuplicates: true,
      data: active.slice(0, 5).map((l) => ({ id: seedId(`favorite:${l.id}`), portalUserId: buyer, listingId: l.id })),
    }),
  );
  count(
    await prisma.savedSearch.createMany({
      skipDuplicates: true,
      data: [
        {
          id: seedId("saved-search:buyer"),
          portalUserId: buyer,
          name: "3-izbový v Košiciach do 200 000 €",
          filter: { city: "Košice", minRooms: 3, maxPrice: "200000", transactionType: "SALE" },
          notify: true,
        },
      ],
    }),
  );
  const inquired = active[0]!;
  count(
    await prisma.inquiry.createMany({
      skipDuplicates: true,
      data: [
        {
          id: seedId("inquiry:1"),
          listingId: inquired.id,
          portalUserId: buyer,
          name: "Michal Kupujúci",
          email: "kupujuci@example.sk",
          message: "Dobrý deň, je byt ešte k dispozícii? Mohli by sme sa dohodnúť na obhliadke?",
        },
      ],
    }),
  );
  count(
    await prisma.inquiryResponse.createMany({
      skipDuplicates: true,
      data: [
        { id: seedId("inquiry-response:1"), inquiryId: seedId("inquiry:1"), realtorId: inquired.realtorId, body: "Dobrý deň, áno. Navrhujem utorok o 17:00." },
      ],
    }),
  );

  return { inserted, listingIds: listings.map((l) => l.id) };
}
