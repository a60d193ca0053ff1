import type { WorkbenchDb } from './database.ts';
import { WorkbenchInputError } from './errors.ts';
import { pgError, UNIQUE_VIOLATION } from './pg-errors.ts';
import { STAFF_ROLES, type Staff, type StaffRole } from './schema.ts';

/** Adds a collector (or supervisor). Email is stored lower-case and must be unique. */
export async function addStaff(db: WorkbenchDb, input: { readonly name: string; readonly email: string; readonly role?: StaffRole }): Promise<Staff> {
  const email = input.email.trim().toLowerCase();
  if (!input.name.trim() || !email) throw new WorkbenchInputError('A staff member needs a name and an email');
  if (input.role && !STAFF_ROLES.includes(input.role)) throw new WorkbenchInputError(`Unknown role "${input.role}" (one of ${STAFF_ROLES.join(', ')})`);
  try {
    return await db.insertInto('staff').values({ name: input.name.trim(), email, role: input.role }).returningAll().executeTakeFirstOrThrow();
  } catch (err) {
    if (pgError(err).code === UNIQUE_VIOLATION) throw new WorkbenchInputError(`There is already a staff member with email ${email}`, { cause: err });
    throw err;
  }
}

export function listStaff(db: WorkbenchDb): Promise<Staff[]> {
  return db.selectFrom('staff').selectAll().orderBy('name').orderBy('id').execute();
}
