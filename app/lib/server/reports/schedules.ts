import { m } from '$lib/paraglide/messages.js';
import { parseNotebook, type ParsedNotebook } from '../notebooks/parse.ts';
import { resolveParamValues } from '../notebooks/params.ts';
import type { ReportDeliveryRow, ReportScheduleRow, WorkbenchDb } from '../workbench/index.ts';
import { checkRule, nextRun, ScheduleRuleError, type ScheduleRule } from './next-run.ts';

export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A schedule as the form edits it. Parameter values are text as typed (current-1, today, RUB …), resolved at each run. */
export interface ScheduleInput {
  readonly name: string;
  readonly notebook: string;
  readonly params: Readonly<Record<string, string>>;
  readonly ruleKind: 'cron' | 'first_working_day';
  /** Five fields, read in `timezone` (rule cron). */
  readonly cron: string | null;
  /** HH:MM in `timezone` (rule first_working_day). */
  readonly runTime: string | null;
  readonly timezone: string;
  /** YYYY-MM-DD days (in `timezone`) on which no run happens; the first-working-day rule moves to the next working day. */
  readonly holidays: readonly string[];
  readonly formats: readonly ReportFormat[];
  /** Names of the notebook's ```sql blocks whose results go out as XLSX (one file each). */
  readonly xlsxBlocks: readonly string[];
  readonly emailTo: readonly string[];
  /** Sub-folder of the reports folder (LEDGERLENS_REPORTS_DIR), or null. */
  readonly folder: string | null;
  readonly enabled: boolean;
}

export interface ReportSchedule extends ScheduleInput {
  readonly id: bigint;
  /** The next run (UTC instant); null while disabled. */
  readonly nextRunAt: Date | null;
  readonly updatedAt: Date;
}

/** Field → what to change. Empty: the input is valid. */
export type ScheduleErrors = Partial<Record<keyof ScheduleInput, string>>;

export class ScheduleValidationError extends Error {
  readonly code = 'INVALID_SCHEDULE';
  readonly status = 400;
  constructor(readonly errors: ScheduleErrors) {
    super(`the schedule is not valid: ${Object.entries(errors).map(([field, message]) => `${field}: ${message}`).join('; ')}`);
  }
}

export class ScheduleNotFoundError extends Error {
  readonly code = 'SCHEDULE_NOT_FOUND';
  readonly status = 404;
}

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
const FOLDER = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+){0,4}$/;

export function scheduleRule(s: Pick<ScheduleInput, 'ruleKind' | 'cron' | 'runTime' | 'timezone' | 'holidays'>): ScheduleRule {
  return s.ruleKind === 'cron'
    ? { kind: 'cron', cron: s.cron ?? '', timezone: s.timezone, holidays: s.holidays }
    : { kind: 'first_working_day', time: s.runTime ?? '', timezone: s.timezone, holidays: s.holidays };
}

/**
 * Checks a schedule against its notebook (`readSource` gives the notebook's text, null when there
 * is no such file): known parameters with values that read, a rule that parses, at least one format
 * and one destination, XLSX blocks that exist. `today` resolves relative parameter values for the check.
 */
export function validateSchedule(input: ScheduleInput, readSource: (name: string) => string | null, today: string): ScheduleErrors {
  const errors: ScheduleErrors = {};
  if (input.name.trim() === '') errors.name = m.dt_sc_err_name_missing();
  else if (input.name.length > 120) errors.name = m.dt_sc_err_name_long();
  let parsed: ParsedNotebook | null = null;
  let source: string | null = null;
  try {
    source = input.notebook ? readSource(input.notebook) : null;
  } catch (err) {
    errors.notebook = (err as Error).message;
  }
  if (!errors.notebook) {
    if (source === null) errors.notebook = input.notebook ? m.dt_sc_err_no_notebook({ name: input.notebook }) : m.dt_sc_err_pick_notebook();
    else parsed = parseNotebook(source);
  }
  if (parsed) {
    const nb = parsed;
    const unknown = Object.keys(input.params).filter((k) => !nb.params.some((p) => p.name === k));
    const values = resolveParamValues(nb.params, new URLSearchParams(input.params as Record<string, string>), { today });
    const bad = values.filter((v) => v.error).map((v) => v.problem ?? v.error!);
    if (unknown.length > 0) errors.params = m.dt_sc_err_unknown_param({ notebook: input.notebook, unknown: unknown.join(', '), params: nb.params.map((p) => p.name).join(', ') || m.dt_sc_err_none() });
    else if (bad.length > 0) errors.params = bad.join('; ');
    const blocks = new Set(nb.blocks.flatMap((b) => (b.kind === 'sql' ? [b.name] : [])));
    const missing = input.xlsxBlocks.filter((b) => !blocks.has(b));
    if (missing.length > 0) errors.xlsxBlocks = m.dt_sc_err_unknown_block({ notebook: input.notebook, missing: missing.join(', '), blocks: [...blocks].join(', ') });
  }
  try {
    checkRule(scheduleRule(input));
  } catch (err) {
    if (!(err instanceof ScheduleRuleError)) throw err;
    const field = ({ cron: 'cron', time: 'runTime', timezone: 'timezone', holidays: 'holidays' } as const)[err.field];
    errors[field] = err.message;
  }
  if (input.formats.length === 0) errors.formats = m.dt_sc_err_formats();
  else if (input.formats.includes('xlsx') && input.xlsxBlocks.length === 0 && !errors.xlsxBlocks) errors.xlsxBlocks = m.dt_sc_err_xlsx_blocks();
  const badEmails = input.emailTo.filter((e) => !EMAIL.test(e));
  if (badEmails.length > 0) errors.emailTo = m.dt_sc_err_email({ emails: badEmails.join(', ') });
  if (input.folder !== null && !FOLDER.test(input.folder)) errors.folder = m.dt_sc_err_folder();
  if (input.emailTo.length === 0 && input.folder === null && !errors.emailTo && !errors.folder) errors.emailTo = m.dt_sc_err_destination();
  return errors;
}

function list(text: FormDataEntryValue | null): string[] {
  return String(text ?? '')
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The schedules page's form: name, notebook, params (one `name=value` a line), rule
 * (cron | first_working_day), cron, run_time, timezone, holidays, formats (checkboxes),
 * xlsx_blocks, email_to, folder, enabled.
 */
export function scheduleFromForm(form: FormData): ScheduleInput {
  const params: Record<string, string> = {};
  for (const line of String(form.get('params') ?? '').split(/\r?\n|&/)) {
    const t = line.trim();
    if (t === '') continue;
    const eq = t.indexOf('=');
    if (eq < 0) params[t] = '';
    else params[t.slice(0, eq).trim()] = t.slice(eq + 1).trim();
  }
  const ruleKind = form.get('rule') === 'cron' ? 'cron' : 'first_working_day';
  const folder = String(form.get('folder') ?? '').trim().replace(/^\/+|\/+$/g, '');
  return {
    name: String(form.get('name') ?? '').trim(),
    notebook: String(form.get('notebook') ?? '').trim(),
    params,
    ruleKind,
    cron: ruleKind === 'cron' ? String(form.get('cron') ?? '').trim() : null,
    runTime: ruleKind === 'first_working_day' ? String(form.get('run_time') ?? '').trim() : null,
    timezone: String(form.get('timezone') ?? '').trim(),
    holidays: list(form.get('holidays')),
    formats: REPORT_FORMATS.filter((f) => form.getAll('formats').includes(f)),
    xlsxBlocks: list(form.get('xlsx_blocks')),
    emailTo: list(form.get('email_to')),
    folder: folder === '' ? null : folder,
    enabled: form.get('enabled') !== null,
  };
}

/** A stored row as the app uses it. */
export function scheduleFromRow(row: ReportScheduleRow): ReportSchedule {
  return {
    id: row.id,
    name: row.name,
    notebook: row.notebook,
    params: row.params,
    ruleKind: row.rule_kind,
    cron: row.cron,
    runTime: row.run_time,
    timezone: row.timezone,
    holidays: row.holidays,
    formats: row.formats,
    xlsxBlocks: row.xlsx_blocks,
    emailTo: row.email_to,
    folder: row.folder,
    enabled: row.enabled,
    nextRunAt: row.next_run_at,
    updatedAt: row.updated_at,
  };
}

function toRow(input: ScheduleInput, now: Date) {
  return {
    name: input.name,
    notebook: input.notebook,
    params: JSON.stringify(input.params),
    rule_kind: input.ruleKind,
    cron: input.ruleKind === 'cron' ? input.cron : null,
    run_time: input.ruleKind === 'first_working_day' ? input.runTime : null,
    timezone: input.timezone,
    holidays: JSON.stringify(input.holidays),
    formats: JSON.stringify(input.formats),
    xlsx_blocks: JSON.stringify(input.xlsxBlocks),
    email_to: JSON.stringify(input.emailTo),
    folder: input.folder,
    enabled: input.enabled,
    next_run_at: input.enabled ? nextRun(scheduleRule(input), now) : null,
    updated_at: now,
  };
}

export interface ScheduleContext {
  readonly readSource: (name: string) => string | null;
  /** Today in the business zone, for checking relative parameter values. */
  readonly today: string;
  /** The next run is the first after this instant. */
  readonly now: Date;
}

/** Stores a new schedule (checked first: ScheduleValidationError lists every field to fix). */
export async function createSchedule(db: WorkbenchDb, input: ScheduleInput, context: ScheduleContext): Promise<ReportSchedule> {
  const errors = validateSchedule(input, context.readSource, context.today);
  if (Object.keys(errors).length > 0) throw new ScheduleValidationError(errors);
  const row = await db.insertInto('report_schedules').values(toRow(input, context.now)).returningAll().executeTakeFirstOrThrow();
  return scheduleFromRow(row);
}

/** Replaces a schedule's settings; its next run is computed again from `now`. */
export async function updateSchedule(db: WorkbenchDb, id: bigint, input: ScheduleInput, context: ScheduleContext): Promise<ReportSchedule> {
  const errors = validateSchedule(input, context.readSource, context.today);
  if (Object.keys(errors).length > 0) throw new ScheduleValidationError(errors);
  const row = await db.updateTable('report_schedules').set(toRow(input, context.now)).where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) throw new ScheduleNotFoundError(m.dt_sc_err_not_found({ id: String(id) }));
  return scheduleFromRow(row);
}

export async function deleteSchedule(db: WorkbenchDb, id: bigint): Promise<void> {
  const result = await db.deleteFrom('report_schedules').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new ScheduleNotFoundError(m.dt_sc_err_not_found({ id: String(id) }));
}

export async function getSchedule(db: WorkbenchDb, id: bigint): Promise<ReportSchedule | null> {
  const row = await db.selectFrom('report_schedules').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? scheduleFromRow(row) : null;
}

export async function listSchedules(db: WorkbenchDb): Promise<ReportSchedule[]> {
  const rows = await db.selectFrom('report_schedules').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(scheduleFromRow);
}

export interface ReportDelivery {
  readonly id: bigint;
  readonly scheduleId: bigint;
  readonly scheduledFor: Date;
  readonly attempt: number;
  readonly attemptedAt: Date;
  readonly status: ReportDeliveryRow['status'];
  readonly error: string | null;
  readonly retryAt: Date | null;
  readonly files: readonly { name: string; bytes: number }[];
  readonly recipients: readonly string[];
}

/** Delivery history, newest attempt first (one schedule's, or every schedule's). */
export async function listDeliveries(db: WorkbenchDb, options: { scheduleId?: bigint; limit?: number } = {}): Promise<ReportDelivery[]> {
  let query = db.selectFrom('report_deliveries').selectAll().orderBy('attempted_at', 'desc').orderBy('id', 'desc').limit(options.limit ?? 100);
  if (options.scheduleId !== undefined) query = query.where('schedule_id', '=', options.scheduleId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    scheduleId: r.schedule_id,
    scheduledFor: r.scheduled_for,
    attempt: r.attempt,
    attemptedAt: r.attempted_at,
    status: r.status,
    error: r.error,
    retryAt: r.retry_at,
    files: r.files,
    recipients: r.recipients,
  }));
}
