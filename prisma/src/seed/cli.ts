// npm run db:seed — idempotent demo data into DATABASE_URL (or the embedded default).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/client/client.ts";
import { ownerDatabaseUrl } from "../connection.ts";
import { demoAccounts, seed } from "./seed.ts";

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: ownerDatabaseUrl() }) });
try {
  const started = Date.now();
  const { inserted } = await seed(prisma);
  console.log(`seeded: ${inserted} rows inserted in ${Date.now() - started} ms (0 means it was already there)`);
  console.table(demoAccounts);
} finally {
  await prisma.$disconnect();
}
