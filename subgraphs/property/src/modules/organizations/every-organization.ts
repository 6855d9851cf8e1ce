// Scheduled jobs visit every organization under its own tenant context (RLS stays on): one
// TenantDb each, closed after its work. One organization's failure does not keep the others
// waiting: the job goes on through the rest, then throws every failure at once.
import { TenantDb, type PrismaClient } from "@ppt/server-kit";
import { allOrganizationIds } from "./service.ts";

/** `work` once per organization, in order; its results, or an AggregateError naming the job. */
export async function forEachOrganization<T>(prisma: PrismaClient, job: string, work: (db: TenantDb, organizationId: string) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  const failures: unknown[] = [];
  for (const organizationId of await allOrganizationIds(prisma)) {
    const db = new TenantDb(prisma, { organizationId, userId: null });
    try {
      results.push(await work(db, organizationId));
    } catch (error) {
      failures.push(error);
    } finally {
      await db.close();
    }
  }
  if (failures.length) throw new AggregateError(failures, `${job}: ${failures.length} organization(s) failed`);
  return results;
}
