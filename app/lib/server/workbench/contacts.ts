import { changeCase, type ChangeContext } from './change-case.ts';
import type { WorkbenchDb } from './database.ts';
import { WorkbenchInputError } from './errors.ts';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, type Case, type ContactChannel, type ContactLogEntry, type ContactOutcome } from './schema.ts';

export interface ContactInput {
  readonly channel: ContactChannel;
  readonly outcome: ContactOutcome;
  readonly text?: string;
  /** When it happened; default now. Must not be in the future. */
  readonly contactedAt?: Date;
}

/** Logs a call, email, SMS, letter or visit. Audit payload `{ contactId, channel, outcome, text, contactedAt }`. */
export async function logContact(db: WorkbenchDb, caseId: bigint, input: ContactInput, ctx: ChangeContext): Promise<{ case: Case; contact: ContactLogEntry }> {
  if (!CONTACT_CHANNELS.includes(input.channel)) throw new WorkbenchInputError(`Unknown contact channel "${input.channel}" (one of ${CONTACT_CHANNELS.join(', ')})`);
  if (!CONTACT_OUTCOMES.includes(input.outcome)) throw new WorkbenchInputError(`Unknown contact outcome "${input.outcome}" (one of ${CONTACT_OUTCOMES.join(', ')})`);
  if (input.contactedAt && (Number.isNaN(input.contactedAt.getTime()) || input.contactedAt.getTime() > Date.now() + 60_000)) {
    throw new WorkbenchInputError('contactedAt must be a valid time, not in the future');
  }
  const { case: c, value: contact } = await changeCase(db, caseId, ctx, {
    kind: 'contact_logged',
    write: async (trx) => {
      const contact = await trx
        .insertInto('contact_log')
        .values({ case_id: caseId, actor: ctx.actor, channel: input.channel, outcome: input.outcome, text: input.text ?? '', contacted_at: input.contactedAt })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { value: contact, payload: { contactId: contact.id, channel: contact.channel, outcome: contact.outcome, text: contact.text, contactedAt: contact.contacted_at } };
    },
  });
  return { case: c, contact };
}
