import { fail, type ActionFailure } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { currentLocale } from '../../i18n/locale.ts';
import { isCurrencyCode, currencyDecimals } from '../../money.ts';
import { ReplayBusyError } from '../ladder/errors.ts';
import { CaseConflictError, CaseNotFoundError, CONTACT_CHANNELS, CONTACT_OUTCOMES, WorkbenchInputError, type ContactChannel, type ContactOutcome } from '../workbench/index.ts';
import { PolicyConflictError, RateInputError } from './policy-errors.ts';

/** Errors a form shows the collector instead of a 500 (conflicts, bad input, decided actions). */
export interface FormErrorBody {
  readonly form: string;
  readonly code: string;
  readonly message: string;
}

/**
 * The message a form shows for an error, in the request's language where the error's fields say
 * everything (conflicts, a missing case, a busy replay, the rate editor's fields); otherwise the
 * error's own message (engine and workbench details stay as written).
 */
export function formMessage(err: Error): string {
  if (err instanceof CaseConflictError) {
    return m.cl_err_case_conflict({
      id: err.caseId.toString(), by: err.changedBy, at: err.changedAt.toISOString(), expected: err.expectedVersion, current: err.currentVersion,
      change: err.lastChange ? ` (${err.lastChange.replaceAll('_', ' ')})` : '',
    });
  }
  if (err instanceof PolicyConflictError) {
    const by = err.savedBy ? m.cl_err_policy_saved_by({ by: err.savedBy }) : '';
    const at = err.savedBy && err.savedAt ? m.cl_err_policy_saved_at({ at: err.savedAt.toISOString() }) : '';
    const why = err.savedBy && err.savedComment ? ` ("${err.savedComment}")` : '';
    return m.cl_err_policy_conflict({ base: err.baseVersion, current: err.currentVersion, saved: `${by}${at}${why}` });
  }
  if (err instanceof CaseNotFoundError) return m.cl_err_case_not_found({ id: err.caseId.toString() });
  if (err instanceof ReplayBusyError) return m.cl_err_replay_busy();
  // The rate editor's own messages quote the value typed; other languages get the field's rule.
  if (err instanceof RateInputError && currentLocale() !== 'en') {
    const field = ({ effectiveFrom: m.cl_err_rate_date, percent: m.cl_err_rate_percent, tableId: m.cl_err_rate_table, actor: m.cl_err_rate_actor } as Record<string, () => string>)[err.field];
    if (field) return field();
  }
  return err.message;
}

/** A workbench error with a code and a 4xx status becomes `fail(status, { form, code, message })`; anything else is rethrown. */
export function formFailure(form: string, err: unknown): ActionFailure<FormErrorBody> {
  const e = err as { code?: unknown; status?: unknown; message?: unknown };
  if (err instanceof Error && typeof e.code === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return fail(e.status, { form, code: e.code, message: formMessage(err) });
  }
  throw err;
}

export function requiredText(form: FormData, name: string): string {
  const value = form.get(name);
  if (typeof value !== 'string' || value.trim() === '') throw new WorkbenchInputError(m.cl_err_required({ name }));
  return value.trim();
}

/** The case version the form was rendered with (every change sends it: optimistic locking). */
export function formVersion(form: FormData): number {
  const version = Number(requiredText(form, 'version'));
  if (!Number.isInteger(version) || version < 1) throw new WorkbenchInputError(m.cl_err_no_version());
  return version;
}

export function formId(form: FormData, name: string): bigint {
  const text = requiredText(form, name);
  if (!/^\d+$/.test(text)) throw new WorkbenchInputError(`${name} must be a whole number`);
  return BigInt(text);
}

export function contactInput(form: FormData): { channel: ContactChannel; outcome: ContactOutcome; text: string } {
  const channel = requiredText(form, 'channel') as ContactChannel;
  const outcome = requiredText(form, 'outcome') as ContactOutcome;
  if (!CONTACT_CHANNELS.includes(channel)) throw new WorkbenchInputError(m.cl_err_unknown_channel({ channel }));
  if (!CONTACT_OUTCOMES.includes(outcome)) throw new WorkbenchInputError(m.cl_err_unknown_outcome({ outcome }));
  return { channel, outcome, text: String(form.get('text') ?? '').trim() };
}

/** "1234.5" in `currency` → minor units, exactly (no floats); refuses more decimals than the currency has. */
export function parseMajorAmount(text: string, currency: string): bigint {
  if (!isCurrencyCode(currency)) throw new WorkbenchInputError(m.cl_err_currency({ currency }));
  const decimals = currencyDecimals(currency);
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(text.replace(/[\s\u00a0_]/g, ''));
  if (!match) throw new WorkbenchInputError(m.cl_err_amount({ text }));
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) throw new WorkbenchInputError(m.cl_err_decimals({ currency, decimals, text }));
  return BigInt(match[1]! + fraction.padEnd(decimals, '0'));
}
