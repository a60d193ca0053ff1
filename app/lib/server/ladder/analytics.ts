/**
 * Ladder analytics: what happened after each step of the escalation ladder (sql/queries/ladder_*.sql),
 * over the approved collection actions or a policy replay.
 */
import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import { toDecimalString, type EscalationPolicy, type Fraction } from '../escalation/index.ts';
import type { Locale } from '../../i18n/locale.ts';
import { queryDefinitions } from '../sql-definitions.ts';
import type { WorkbenchDb } from '../workbench/index.ts';
import { LADDER_SETTINGS, type LadderSettings } from './settings.ts';
import { recordedSteps, replayedSteps, type LadderStepRecord } from './step-records.ts';
import { withStepTable, type WarehouseConnector } from './step-table.ts';
import type { AgencyRow, LadderDefinitions, LadderFunnelRow, LadderQuery, LadderReport, StepOutcomeRow, SuspensionRecoveryRow } from './types.ts';

export interface LadderDeps {
  readonly connect: WarehouseConnector;
  readonly workbench: WorkbenchDb;
  readonly timezone: string;
}

const isoDay = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value));
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** The steps of the chosen record; a replay query must name its run (see resolveLadderQuery). */
export async function ladderSteps(deps: LadderDeps, policy: EscalationPolicy, query: LadderQuery): Promise<{ steps: readonly LadderStepRecord[]; unknownSteps: number }> {
  if (query.source === 'recorded') return recordedSteps(deps.workbench, policy, deps.timezone);
  if (query.runId === null) return { steps: [], unknownSteps: 0 };
  return replayedSteps(deps.workbench, policy, query.runId);
}

function outcomeParams(query: LadderQuery, settings: LadderSettings) {
  return [query.from, query.to, query.observedUntil, settings.cureTolerance.numerator, settings.cureTolerance.denominator];
}

/** Computes the step outcomes once per request into temp table step_outcomes, which the figure queries read. */
async function materialiseOutcomes(db: Warehouse, query: LadderQuery, settings: LadderSettings): Promise<void> {
  await db.query(`CREATE OR REPLACE TEMP TABLE step_outcomes AS ${sqlQuery('ladder_step_outcomes')}`, outcomeParams(query, settings));
}

async function funnel(db: Warehouse, policy: EscalationPolicy): Promise<LadderFunnelRow[]> {
  const labels = new Map(policy.steps.map((s) => [s.id, s.label]));
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM (${sqlQuery('ladder_funnel')}) ORDER BY currency, step_order`,
  );
  return rows.map((r) => ({
    stepOrder: Number(r.step_order), stepId: String(r.step_id), label: labels.get(String(r.step_id)) ?? String(r.step_id), stepKind: String(r.step_kind),
    currency: String(r.currency), stepsTaken: Number(r.steps_taken), casesReached: Number(r.cases_reached), amountReached: r.amount_reached as bigint,
    curedSteps: Number(r.cured_steps), curedMinor: r.cured_minor as bigint, movedOnSteps: Number(r.moved_on_steps), movedOnMinor: r.moved_on_minor as bigint,
    writtenOffSteps: Number(r.written_off_steps), writtenOffMinor: r.written_off_minor as bigint,
    stillOpenSteps: Number(r.still_open_steps), stillOpenMinor: r.still_open_minor as bigint, cureRate: num(r.cure_rate), medianDaysToCure: num(r.median_days_to_cure),
  }));
}

async function suspension(db: Warehouse, query: LadderQuery): Promise<SuspensionRecoveryRow[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM (${sqlQuery('ladder_suspension_recovery')}) ORDER BY currency, horizon_days`,
    [query.observedUntil],
  );
  return rows.map((r) => ({
    currency: String(r.currency), horizonDays: Number(r.horizon_days), suspensions: Number(r.suspensions), amountSuspended: r.amount_suspended as bigint,
    observed: Number(r.observed), observedMinor: r.observed_minor as bigint, recoveredMinor: r.recovered_minor as bigint, recoveryRate: num(r.recovery_rate),
  }));
}

async function agency(db: Warehouse, query: LadderQuery, settings: LadderSettings): Promise<AgencyRow[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM (${sqlQuery('ladder_agency')}) ORDER BY currency`,
    [query.observedUntil, settings.agencyFeeRate.numerator, settings.agencyFeeRate.denominator],
  );
  return rows.map((r) => ({
    currency: String(r.currency), placed: Number(r.placed), placedMinor: r.placed_minor as bigint, recoveredMinor: r.recovered_minor as bigint,
    feeMinor: r.fee_minor as bigint, netMinor: r.net_minor as bigint, recoveryRate: num(r.recovery_rate),
  }));
}

/** One row per step taken and currency (sql/queries/ladder_step_outcomes.sql), in the order taken: the CSV behind every figure. */
export async function ladderStepOutcomes(deps: LadderDeps, policy: EscalationPolicy, query: LadderQuery, settings: LadderSettings = LADDER_SETTINGS): Promise<StepOutcomeRow[]> {
  const { steps } = await ladderSteps(deps, policy, query);
  if (steps.length === 0) return [];
  const rows = await withStepTable(deps.connect, steps, (db) =>
    db.query<Record<string, unknown>>(`SELECT * FROM (${sqlQuery('ladder_step_outcomes')}) ORDER BY taken_on, step_order, customer_id, step_key, currency`, outcomeParams(query, settings)),
  );
  return rows.map((r) => ({
    stepKey: String(r.step_key), customerId: String(r.customer_id), stepId: String(r.step_id), stepOrder: Number(r.step_order), currency: String(r.currency),
    takenOn: isoDay(r.taken_on), amountMinor: r.amount_minor as bigint, outcome: r.outcome as StepOutcomeRow['outcome'],
    curedOn: r.cured_on === null ? null : isoDay(r.cured_on), daysToCure: num(r.days_to_cure),
  }));
}

const fractionText = (f: Fraction) => toDecimalString(f, 4).replace(/\.?0+$/, '');

/** Every figure of the ladder page for the query. */
export async function ladderReport(deps: LadderDeps, policy: EscalationPolicy, query: LadderQuery, settings: LadderSettings = LADDER_SETTINGS): Promise<LadderReport> {
  const { steps, unknownSteps } = await ladderSteps(deps, policy, query);
  const base = { query, stepsRecorded: steps.length, unknownSteps, agencyFeeRate: fractionText(settings.agencyFeeRate), cureTolerance: fractionText(settings.cureTolerance) };
  if (steps.length === 0) return { ...base, funnel: [], suspension: [], agency: [], currencies: [] };
  const figures = await withStepTable(deps.connect, steps, async (db) => {
    await materialiseOutcomes(db, query, settings);
    return { funnel: await funnel(db, policy), suspension: await suspension(db, query), agency: await agency(db, query, settings) };
  });
  return { ...base, ...figures, currencies: [...new Set(figures.funnel.map((r) => r.currency))].sort() };
}

/**
 * The definitions shown beside the figures, from the SQL headers that compute them, in `locale`
 * (the header's "Определения" block for Russian); read once per process and language.
 */
export function ladderDefinitions(locale: Locale = 'en'): LadderDefinitions {
  return {
    outcomes: queryDefinitions('ladder_step_outcomes', locale),
    funnel: queryDefinitions('ladder_funnel', locale),
    suspension: queryDefinitions('ladder_suspension_recovery', locale),
    agency: queryDefinitions('ladder_agency', locale),
  };
}
