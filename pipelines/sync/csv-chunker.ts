import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';

export interface CsvChunk {
  readonly file: string;
  readonly rows: number;
  readonly bytes: number;
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/**
 * Splits a Postgres CSV stream into files of about `targetBytes`, cut only between records, so
 * DuckDB can load one chunk while the next is still arriving. A newline ends a record only outside
 * quotes; quotes inside fields are doubled, so counting them keeps the parity right, and no
 * multi-byte UTF-8 sequence contains either byte.
 */
export class CsvChunker extends Writable {
  private inQuotes = false;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private pendingRows = 0;
  private seq = 0;
  totalRows = 0;

  /** Records seen so far, including those not yet cut into a file (for progress). */
  get rowsSeen(): number {
    return this.totalRows + this.pendingRows;
  }

  constructor(
    private readonly dir: string,
    private readonly prefix: string,
    private readonly targetBytes: number,
    private readonly onChunk: (chunk: CsvChunk) => void,
  ) {
    super({ highWaterMark: 1 << 20 });
  }

  override _write(data: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    try {
      let start = 0;
      for (let i = 0; i < data.length; i++) {
        const b = data[i];
        if (b === QUOTE) this.inQuotes = !this.inQuotes;
        else if (b === NEWLINE && !this.inQuotes) {
          this.pendingRows++;
          if (this.pendingBytes + (i + 1 - start) >= this.targetBytes) {
            this.pending.push(data.subarray(start, i + 1));
            this.pendingBytes += i + 1 - start;
            start = i + 1;
            this.cut();
          }
        }
      }
      if (start < data.length) {
        this.pending.push(data.subarray(start));
        this.pendingBytes += data.length - start;
      }
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _final(done: (err?: Error | null) => void): void {
    try {
      if (this.inQuotes) throw new Error(`${this.prefix}: the CSV stream ended inside a quoted field`);
      if (this.pendingBytes > 0) this.cut();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private cut(): void {
    const file = path.join(this.dir, `${this.prefix}-${String(++this.seq).padStart(5, '0')}.csv`);
    fs.writeFileSync(file, Buffer.concat(this.pending, this.pendingBytes));
    const chunk = { file, rows: this.pendingRows, bytes: this.pendingBytes };
    this.totalRows += this.pendingRows;
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingRows = 0;
    this.onChunk(chunk);
  }
}
