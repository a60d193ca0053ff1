import cliProgress from 'cli-progress';

/** What a sync reports while it runs. Implementations: a terminal bar, JSON lines, or nothing. */
export interface SyncProgress {
  /** A new phase starts: extract (per table), reconcile, models, tests, commit. */
  phase(phase: string, table?: string): void;
  /** Rows read so far from `table` in this sync. */
  rows(table: string, rows: number): void;
  /** Estimated rows to read in all, when known (progress bar length). */
  estimate(totalRows: number): void;
  done(summary: Record<string, unknown>): void;
}

export const silentProgress: SyncProgress = { phase() {}, rows() {}, estimate() {}, done() {} };

/** One JSON object per line on `write` (default stdout): for logs, CI and tests that watch the phases. */
export function jsonLinesProgress(write: (line: string) => void = (l) => process.stdout.write(l)): SyncProgress {
  let lastEmit = 0;
  const started = Date.now();
  let total = 0;
  const perTable = new Map<string, number>();
  const emit = (o: Record<string, unknown>) => write(JSON.stringify(o) + '\n');
  return {
    phase: (phase, table) => emit({ event: 'sync.phase', phase, table: table ?? null, at: new Date().toISOString() }),
    rows(table, rows) {
      total += rows - (perTable.get(table) ?? 0);
      perTable.set(table, rows);
      const now = Date.now();
      if (now - lastEmit >= 1000) {
        lastEmit = now;
        emit({ event: 'sync.progress', table, rows, total_rows: total, rows_per_s: Math.round(total / ((now - started) / 1000)) });
      }
    },
    estimate() {},
    done: (summary) => emit({ event: 'sync.done', ...summary }),
  };
}

/** A progress bar for people at a terminal: rows, rows/s and the table being read. */
export function terminalProgress(): SyncProgress {
  const bar = new cliProgress.SingleBar(
    { format: 'sync |{bar}| {value}/{total} rows | {speed} rows/s | {phase} {table}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  const perTable = new Map<string, number>();
  let total = 0;
  let running = false;
  const payload = { phase: 'starting', table: '', speed: '0' };
  const ensure = () => {
    if (!running) { bar.start(1, 0, payload); running = true; }
  };
  return {
    estimate(totalRows) { ensure(); bar.setTotal(Math.max(1, totalRows)); },
    phase(phase, table) { ensure(); payload.phase = phase; payload.table = table ?? ''; bar.update(total, payload); },
    rows(table, rows) {
      ensure();
      total += rows - (perTable.get(table) ?? 0);
      perTable.set(table, rows);
      payload.speed = Math.round(total / Math.max(0.001, (Date.now() - started) / 1000)).toLocaleString('en');
      if (total > bar.getTotal()) bar.setTotal(total);
      bar.update(total, payload);
    },
    done(summary) {
      if (running) { bar.update(total, { ...payload, phase: String(summary.status ?? 'done'), table: '' }); bar.stop(); }
    },
  };
}
