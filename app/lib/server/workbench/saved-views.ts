import { sql } from 'kysely';
import { requireActor, toJson, type Actor } from './change-case.ts';
import type { WorkbenchDb } from './database.ts';
import { WorkbenchInputError } from './errors.ts';
import type { JsonObject, SavedView } from './schema.ts';

/** Saves (or replaces, by owner and name) a queue view; `filters` is the structured filter, never SQL. */
export async function saveView(db: WorkbenchDb, input: { readonly owner: Actor; readonly name: string; readonly filters: JsonObject }): Promise<SavedView> {
  requireActor(input.owner);
  if (!input.name.trim()) throw new WorkbenchInputError('A saved view needs a name');
  return db
    .insertInto('saved_views')
    .values({ owner: input.owner, name: input.name.trim(), filters: toJson(input.filters) })
    .onConflict((oc) => oc.columns(['owner', 'name']).doUpdateSet({ filters: (eb) => eb.ref('excluded.filters'), updated_at: sql<Date>`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listViews(db: WorkbenchDb, owner: Actor): Promise<SavedView[]> {
  return db.selectFrom('saved_views').selectAll().where('owner', '=', owner).orderBy('name').execute();
}

/** Deletes the owner's view; false when there was none. */
export async function deleteView(db: WorkbenchDb, id: bigint, owner: Actor): Promise<boolean> {
  const result = await db.deleteFrom('saved_views').where('id', '=', id).where('owner', '=', owner).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The owner's view by id, or null (someone else's view is as good as missing). */
export async function getView(db: WorkbenchDb, id: bigint, owner: Actor): Promise<SavedView | null> {
  return (await db.selectFrom('saved_views').selectAll().where('id', '=', id).where('owner', '=', owner).executeTakeFirst()) ?? null;
}
