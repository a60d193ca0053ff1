import type { QuarantinedRowsPage, QuarantineSummary, SyncRun, SyncRunDetail } from '../../data-quality/types.ts';
import { parseQuarantineRowsInput, parseRunId, type QuarantineRowsInput } from './params.ts';
import {
  queryLatestSucceededRunId,
  queryQuarantinedRows,
  queryQuarantineSummary,
  querySyncRunDetail,
  querySyncRuns,
  type WarehouseReader,
} from './queries.ts';

/** What the data-quality page asks for: a run (default: the latest succeeded) and optionally one rule's rows. */
export interface DataQualityPageInput {
  readonly runId?: bigint;
  readonly rows?: QuarantineRowsInput;
}

/**
 * Reads `run`, and `table` + `rule` (+ `offset`) from the page URL. Rows are listed only when a
 * table or rule is given; then both must be valid. Throws DataQualityInputError on bad values.
 */
export function parseDataQualityPageInput(params: URLSearchParams): DataQualityPageInput {
  const run = params.get('run')?.trim();
  const wantsRows = Boolean(params.get('table')?.trim() || params.get('rule')?.trim());
  return {
    ...(run ? { runId: parseRunId(run, 'run') } : {}),
    ...(wantsRows ? { rows: parseQuarantineRowsInput(params) } : {}),
  };
}

/** Everything the data-quality page shows. */
export interface DataQualityPage {
  /** Newest first, at most 50. */
  readonly runs: SyncRun[];
  /** The run shown in detail: the one asked for, else the latest succeeded, else the latest; null before any run. */
  readonly selected: SyncRunDetail | null;
  readonly quarantine: QuarantineSummary;
  /** The rows of the table and rule asked for; null when none was asked for. */
  readonly rows: QuarantinedRowsPage | null;
}

/** Loads the page; SyncRunNotFoundError (404) when the run asked for does not exist. */
export async function loadDataQualityPage(warehouse: WarehouseReader, input: DataQualityPageInput): Promise<DataQualityPage> {
  const runs = await querySyncRuns(warehouse);
  const runId = input.runId ?? (await queryLatestSucceededRunId(warehouse)) ?? runs[0]?.runId ?? null;
  const selected = runId === null ? null : await querySyncRunDetail(warehouse, runId);
  const quarantine = await queryQuarantineSummary(warehouse);
  const rows = input.rows ? await queryQuarantinedRows(warehouse, input.rows) : null;
  return { runs, selected, quarantine, rows };
}
