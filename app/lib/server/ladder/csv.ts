/** CSV exports of the ladder analytics: money twice, integer minor units and the exact decimal. */
import { minorToDecimalString } from '../../money.ts';
import { csvText } from '../csv.ts';
import type { LadderQuery, LadderReport, StepOutcomeRow } from './types.ts';

const rate = (value: number | null) => (value === null ? '' : value.toFixed(6));

export function ladderCsvFilename(query: LadderQuery, table: 'funnel' | 'steps'): string {
  const source = query.source === 'replay' ? `replay-${query.runId ?? 'none'}` : 'recorded';
  return `ladder-${table}_${source}_${query.from}_${query.to}.csv`;
}

/** One row per step and currency: the funnel table. */
export function ladderFunnelCsv(report: LadderReport): string {
  const q = report.query;
  const header = [
    'source', 'from', 'to', 'observed_until', 'step_order', 'step_id', 'step', 'currency', 'steps_taken', 'cases_reached',
    'amount_reached_minor', 'amount_reached', 'cured_steps', 'cured_minor', 'cured', 'written_off_steps', 'written_off_minor', 'written_off',
    'moved_on_steps', 'moved_on_minor', 'moved_on', 'still_open_steps', 'still_open_minor', 'still_open', 'cure_rate', 'median_days_to_cure',
  ];
  const money = (minor: bigint, currency: string) => [minor.toString(), minorToDecimalString(minor, currency)];
  return csvText([
    header,
    ...report.funnel.map((r) => [
      q.source, q.from, q.to, q.observedUntil, String(r.stepOrder), r.stepId, r.label, r.currency, String(r.stepsTaken), String(r.casesReached),
      ...money(r.amountReached, r.currency), String(r.curedSteps), ...money(r.curedMinor, r.currency), String(r.writtenOffSteps), ...money(r.writtenOffMinor, r.currency),
      String(r.movedOnSteps), ...money(r.movedOnMinor, r.currency), String(r.stillOpenSteps), ...money(r.stillOpenMinor, r.currency),
      rate(r.cureRate), r.medianDaysToCure === null ? '' : String(r.medianDaysToCure),
    ]),
  ]);
}

/** One row per step taken and currency: what every figure is summed from. */
export function ladderStepsCsv(query: LadderQuery, rows: readonly StepOutcomeRow[]): string {
  return csvText([
    ['source', 'step_key', 'customer_id', 'step_order', 'step_id', 'currency', 'taken_on', 'amount_reached_minor', 'amount_reached', 'outcome', 'cured_on', 'days_to_cure'],
    ...rows.map((r) => [
      query.source, r.stepKey, r.customerId, String(r.stepOrder), r.stepId, r.currency, r.takenOn, r.amountMinor.toString(),
      minorToDecimalString(r.amountMinor, r.currency), r.outcome, r.curedOn ?? '', r.daysToCure === null ? '' : String(r.daysToCure),
    ]),
  ]);
}
