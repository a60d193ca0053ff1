import { ROLE_PERMISSIONS } from '../../access/permissions.ts';
import type { Principal } from '../auth/principal.ts';
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

/** The staff row of the signed-in user (null for API tokens or when signed out). */
export function signedInStaff(staff: readonly Staff[], principal: Principal | null): Staff | null {
  if (principal?.kind !== 'user') return null;
  return staff.find((s) => s.id === principal.id) ?? null;
}

/** Who cases can be assigned to: active users whose role works cases. */
export function assignableStaff(staff: readonly Staff[]): Staff[] {
  return staff.filter((s) => s.active && ROLE_PERMISSIONS[s.access_role].includes('collections:work'));
}

/** False when `me` may see only their own cases and this case is someone else's (or nobody's). */
export async function mayOpenCase(db: WorkbenchDb, caseId: bigint, me: Staff | null): Promise<boolean> {
  if (!me?.own_cases_only) return true;
  const row = await db.selectFrom('cases').select('assigned_to').where('id', '=', caseId).executeTakeFirst();
  return !row || row.assigned_to === me.id;
}
