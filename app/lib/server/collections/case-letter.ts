import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import type { Staff, WorkbenchDb } from '../workbench/index.ts';
import { loadCasePage } from './case-page.ts';
import { renderReminderPdf } from './letter-pdf.ts';
import { renderReminderEml, type ReminderLetterInput } from './letter.ts';
import { LETTER_LANGUAGES, type LetterLanguage } from './letter-templates.ts';

export class LetterUnavailableError extends Error {
  readonly code = 'LETTER_UNAVAILABLE';
  readonly status = 404;
}

export class LetterLanguageError extends Error {
  readonly code = 'LETTER_LANGUAGE_INVALID';
  readonly status = 400;
}

export function parseLetterLanguage(value: string | null): LetterLanguage {
  const lang = value ?? 'en';
  if (!(LETTER_LANGUAGES as readonly string[]).includes(lang)) throw new LetterLanguageError(`lang must be one of ${LETTER_LANGUAGES.join(', ')}`);
  return lang as LetterLanguage;
}

interface CaseLetterOptions {
  readonly lang: LetterLanguage;
  readonly timezone: string;
  readonly sender: Staff | null;
  readonly today?: string;
}

/**
 * The reminder letter's data for a case: its overdue invoices with the late fee accrued to today.
 * Only for a case with a proposed or approved reminder (LetterUnavailableError otherwise).
 */
async function caseReminderInput(
  warehouse: Pick<Warehouse, 'query'>,
  workbench: WorkbenchDb,
  caseId: bigint,
  options: CaseLetterOptions,
): Promise<ReminderLetterInput> {
  const page = await loadCasePage(warehouse, workbench, caseId, { timezone: options.timezone, today: options.today });
  const reminder = page.detail.actions.find((a) => a.kind === 'reminder' && (a.status === 'proposed' || a.status === 'approved' || a.status === 'published'));
  if (!reminder) throw new LetterUnavailableError(`Case ${caseId} has no proposed or approved reminder`);
  const overdue = page.invoices.filter((i) => i.ageDays > 0);
  return {
    lang: options.lang,
    customerName: page.customer.name,
    customerEmail: page.customer.email,
    senderName: options.sender?.name ?? 'Collections',
    senderEmail: options.sender?.email ?? 'collections@ledgerlens.local',
    asOf: page.today,
    invoices: overdue.map((i) => ({ number: i.number, currency: i.currency, dueOn: i.dueOn, daysPastDue: i.ageDays, openMinor: i.openMinor, lateFeeMinor: i.lateFee?.feeMinor ?? 0n })),
  };
}

/** The reminder letter of a case as .eml (see caseReminderInput for what it holds). */
export async function caseReminderEml(
  warehouse: Pick<Warehouse, 'query'>,
  workbench: WorkbenchDb,
  caseId: bigint,
  options: CaseLetterOptions,
): Promise<{ filename: string; eml: string }> {
  const eml = renderReminderEml(await caseReminderInput(warehouse, workbench, caseId, options));
  return { filename: `reminder-case-${caseId}-${options.lang}.eml`, eml };
}

/** The same reminder letter as a PDF, from the same data as the .eml. */
export async function caseReminderPdf(
  warehouse: Pick<Warehouse, 'query'>,
  workbench: WorkbenchDb,
  caseId: bigint,
  options: CaseLetterOptions,
): Promise<{ filename: string; pdf: Buffer }> {
  const pdf = await renderReminderPdf(await caseReminderInput(warehouse, workbench, caseId, options));
  return { filename: `reminder-case-${caseId}-${options.lang}.pdf`, pdf };
}
