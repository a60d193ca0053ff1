import type { ContractTableName } from '../source/contract.ts';

export type CsvValue = string | number | null;

/** Where generated rows go: CSV text per table, handed over in chunks so memory stays flat. */
export interface CsvSink {
  copy(table: ContractTableName, csv: string): Promise<void>;
}

/** Buffers generated rows as CSV per table and flushes them to a sink in chunks. */
export class RowWriter {
  private readonly buffers = new Map<ContractTableName, string[]>();
  private bufferedChars = 0;
  readonly counts = new Map<ContractTableName, number>();
  /** The first row written to each table, for rows that must refer to real ones. */
  readonly firstRows = new Map<ContractTableName, readonly CsvValue[]>();

  constructor(
    private readonly sink: CsvSink,
    private readonly flushAtChars = 8_000_000,
  ) {}

  write(table: ContractTableName, values: readonly CsvValue[]): void {
    const line = values.map(csvField).join(',') + '\n';
    let buf = this.buffers.get(table);
    if (!buf) this.buffers.set(table, (buf = []));
    buf.push(line);
    this.bufferedChars += line.length;
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
    if (!this.firstRows.has(table)) this.firstRows.set(table, values);
  }

  get needsFlush(): boolean {
    return this.bufferedChars >= this.flushAtChars;
  }

  async flush(): Promise<void> {
    for (const [table, lines] of this.buffers) {
      if (lines.length === 0) continue;
      this.buffers.set(table, []);
      await this.sink.copy(table, lines.join(''));
    }
    this.bufferedChars = 0;
  }
}

/** Postgres CSV: empty unquoted field is NULL, so empty strings are quoted. */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (value === '' || /[",\n\r]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}
