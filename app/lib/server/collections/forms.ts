import { fail, type ActionFailure } from '@sveltejs/kit';
import { isCurrencyCode, currencyDecimals } from '../../money.ts';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, WorkbenchInputError, type ContactChannel, type ContactOutcome } from '../workbench/index.ts';

/** Errors a form shows the collector instead of a 500 (conflicts, bad input, decided actions). */
export interface FormErrorBody {
  readonly form: string;
  readonly code: string;
  readonly message: string;
}

/** A workbench error with a code and a 4xx status becomes `fail(status, { form, code, message })`; anything else is rethrown. */
export function formFailure(form: string, err: unknown): ActionFailure<FormErrorBody> {
  const e = err as { code?: unknown; status?: unknown; message?: unknown };
  if (err instanceof Error && typeof e.code === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return fail(e.status, { form, code: e.code, message: err.message });
  }
  throw err;
}

export function requiredText(form: FormData, name: string): string {
  const value = form.get(name);
  if (typeof value !== 'string' || value.trim() === '') throw new WorkbenchInputError(`${name} is required`);
  return value.trim();
}

/** The case version the form was rendered with (every change sends it: optimistic locking). */
export function formVersion(form: FormData): number {
  const version = Number(requiredText(form, 'version'));
  if (!Number.isInteger(version) || version < 1) throw new WorkbenchInputError('The form has no valid case version; reload the page');
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
  if (!CONTACT_CHANNELS.includes(channel)) throw new WorkbenchInputError(`Unknown channel ${channel}`);
  if (!CONTACT_OUTCOMES.includes(outcome)) throw new WorkbenchInputError(`Unknown outcome ${outcome}`);
  return { channel, outcome, text: String(form.get('text') ?? '').trim() };
}

/** "1234.5" in `currency` → minor units, exactly (no floats); refuses more decimals than the currency has. */
export function parseMajorAmount(text: string, currency: string): bigint {
  if (!isCurrencyCode(currency)) throw new WorkbenchInputError(`"${currency}" is not an ISO 4217 currency code`);
  const decimals = currencyDecimals(currency);
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(text.replace(/[\s\u00a0_]/g, ''));
  if (!m) throw new WorkbenchInputError(`"${text}" is not an amount (e.g. 1250.50)`);
  const fraction = m[2] ?? '';
  if (fraction.length > decimals) throw new WorkbenchInputError(`${currency} has ${decimals} decimal places; "${text}" has more`);
  return BigInt(m[1]! + fraction.padEnd(decimals, '0'));
}
