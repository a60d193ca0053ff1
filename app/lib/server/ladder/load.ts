/**
 * The ladder page and API: request parameters in, the report out. Route files call only this.
 */
import { currentLocale } from '../../i18n/locale.ts';
import type { IsoDate } from '../escalation/index.ts';
import { addDays, daysBetween } from '../escalation/dates.ts';
import { loadActivePolicy } from '../collections/policy-store.ts';
import { ladderDefinitions, ladderReport, ladderStepOutcomes, type LadderDeps } from './analytics.ts';
import { LadderInputError } from './errors.ts';
import { getReplayRun, listReplayRuns, settleStaleRuns } from './replay-store.ts';
import type { LadderReplayRun } from './schema.ts';
import type { LadderDefinitions, LadderQuery, LadderReport, LadderSource, StepOutcomeRow } from './types.ts';

export const LADDER_SOURCES: Readonly<Record<LadderSource, string>> = {
  recorded: 'Recorded actions',
  replay: 'Policy replay (simulated)',
};

/** A replay run as the page shows it. */
export interface ReplayRunView {
  readonly id: string;
  readonly status: LadderReplayRun['status'];
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly warmUpFrom: IsoDate;
  readonly customersDone: number;
  readonly customersTotal: number;
  readonly steps: number;
  readonly error: string | null;
  readonly requestedBy: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

export function replayRunView(run: LadderReplayRun): ReplayRunView {
  return {
    id: run.id.toString(), status: run.status, from: run.from_date, to: run.to_date, warmUpFrom: run.warm_up_from,
    customersDone: run.customers_done, customersTotal: run.customers_total, steps: run.steps, error: run.error,
    requestedBy: run.requested_by, startedAt: run.started_at.toISOString(), finishedAt: run.finished_at?.toISOString() ?? null,
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parseDay(value: string | null, param: 'from' | 'to'): IsoDate | null {
  if (value === null || value === '') return null;
  const ok = DAY.test(value) && (() => { try { daysBetween(value, value); return true; } catch { return false; } })();
  if (!ok) throw new LadderInputError(param === 'from' ? 'BAD_FROM' : 'BAD_TO', `${param} "${value}" is not a date written YYYY-MM-DD`, param);
  return value;
}

export interface LadderRequest {
  readonly query: LadderQuery;
  /** The replay run the query reads (source replay), null when there is none yet. */
  readonly run: LadderReplayRun | null;
}

/**
 * Reads `source` (recorded | replay; default: replay when a replay has succeeded, else recorded),
 * `run` (a replay run id; default the latest successful one), `from`/`to` (steps taken; default the
 * run's window, or the last 365 days for recorded actions). Outcomes are observed up to `today`.
 * Throws LadderInputError (400) or ReplayRunNotFoundError (404).
 */
export async function parseLadderRequest(deps: Pick<LadderDeps, 'workbench'>, search: URLSearchParams, today: IsoDate): Promise<LadderRequest> {
  const sourceText = search.get('source');
  if (sourceText !== null && sourceText !== '' && !(sourceText in LADDER_SOURCES)) {
    throw new LadderInputError('BAD_SOURCE', `source must be "recorded" or "replay", not "${sourceText}"`, 'source');
  }
  const runText = search.get('run');
  if (runText !== null && runText !== '' && !/^\d{1,18}$/.test(runText)) throw new LadderInputError('BAD_RUN', `run "${runText}" is not a replay run id`, 'run');
  let run: LadderReplayRun | null = null;
  if (runText) run = await getReplayRun(deps.workbench, BigInt(runText));
  else run = (await listReplayRuns(deps.workbench, 20)).find((r) => r.status === 'succeeded') ?? null;
  const source: LadderSource = (sourceText || (run ? 'replay' : 'recorded')) as LadderSource;
  const from = parseDay(search.get('from'), 'from') ?? (source === 'replay' && run ? run.from_date : addDays(today, -364));
  const to = parseDay(search.get('to'), 'to') ?? (source === 'replay' && run ? run.to_date : today);
  if (from > to) throw new LadderInputError('BAD_RANGE', `from (${from}) is after to (${to})`, 'from');
  return { query: { source, runId: source === 'replay' ? (run?.id ?? null) : null, from, to, observedUntil: today }, run: source === 'replay' ? run : null };
}

export interface LadderPage {
  readonly report: LadderReport;
  readonly run: ReplayRunView | null;
  /** The latest runs, newest first (a running one included). */
  readonly runs: readonly ReplayRunView[];
  /** A replay in progress, if any. */
  readonly running: ReplayRunView | null;
  readonly definitions: LadderDefinitions;
  readonly sources: typeof LADDER_SOURCES;
}

export async function loadLadderPage(deps: LadderDeps, search: URLSearchParams, today: IsoDate): Promise<LadderPage> {
  const running = await settleStaleRuns(deps.workbench);
  const { query, run } = await parseLadderRequest(deps, search, today);
  const report = await ladderReport(deps, (await loadActivePolicy(deps.workbench)).policy, query);
  const runs = await listReplayRuns(deps.workbench, 10);
  return {
    report, run: run ? replayRunView(run) : null, runs: runs.map(replayRunView), running: running ? replayRunView(running) : null,
    definitions: ladderDefinitions(currentLocale()), sources: LADDER_SOURCES,
  };
}

/** The rows behind the page's figures (one per step taken and currency), for the CSV export. */
export async function loadLadderSteps(deps: LadderDeps, search: URLSearchParams, today: IsoDate): Promise<{ query: LadderQuery; rows: StepOutcomeRow[] }> {
  const { query } = await parseLadderRequest(deps, search, today);
  return { query, rows: await ladderStepOutcomes(deps, (await loadActivePolicy(deps.workbench)).policy, query) };
}
