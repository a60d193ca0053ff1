import { changeCase, type ChangeContext } from './change-case.ts';
import type { WorkbenchDb } from './database.ts';
import { WorkbenchInputError } from './errors.ts';
import type { Case, CaseNote } from './schema.ts';

/** Adds a note to the case. Audit payload `{ noteId, body }`, so the history stands on its own. */
export async function addNote(db: WorkbenchDb, caseId: bigint, body: string, ctx: ChangeContext): Promise<{ case: Case; note: CaseNote }> {
  if (body.trim() === '') throw new WorkbenchInputError('A note needs some text');
  const { case: c, value: note } = await changeCase(db, caseId, ctx, {
    kind: 'note_added',
    write: async (trx) => {
      const note = await trx.insertInto('case_notes').values({ case_id: caseId, author: ctx.actor, body }).returningAll().executeTakeFirstOrThrow();
      return { value: note, payload: { noteId: note.id, body } };
    },
  });
  return { case: c, note };
}
