import { addStaff, listStaff, WorkbenchInputError, type Staff, type WorkbenchDb } from '../workbench/index.ts';

/** The two collectors a fresh install gets, so the collections pages work before anyone adds staff. */
export const DEMO_STAFF = [
  { name: 'Anna Petrova', email: 'anna.petrova@ledgerlens.demo', role: 'collector' },
  { name: 'Ben Carter', email: 'ben.carter@ledgerlens.demo', role: 'supervisor' },
] as const;

/**
 * The staff list, seeding DEMO_STAFF first when the table is empty. Safe when two requests race:
 * the unique email decides and the loser just reads the list.
 */
export async function ensureStaff(db: WorkbenchDb): Promise<Staff[]> {
  const staff = await listStaff(db);
  if (staff.length > 0) return staff;
  for (const member of DEMO_STAFF) {
    try {
      await addStaff(db, member);
    } catch (err) {
      if (!(err instanceof WorkbenchInputError)) throw err;
    }
  }
  return listStaff(db);
}

/** Name of the cookie holding the chosen collector's staff id. Known limitation: identity by cookie until sign-in exists. */
export const COLLECTOR_COOKIE = 'collector';

/** The staff member the cookie names, else the first on the list (null only when there is no staff at all). */
export function resolveCollector(staff: readonly Staff[], cookie: string | undefined): Staff | null {
  return staff.find((s) => s.id.toString() === cookie) ?? staff[0] ?? null;
}
