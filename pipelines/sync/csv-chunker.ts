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
      // indexOf runs natively; a JS loop over every byte costs seconds per gigabyte
      let start = 0;
      let pos = 0;
      let q = data.indexOf(QUOTE); // next quote at or after pos, -1 when none is left
      while (pos < data.length) {
        if (q !== -1 && q < pos) q = data.indexOf(QUOTE, pos);
        if (this.inQuotes) {
          if (q === -1) break;
          this.inQuotes = false;
          pos = q + 1;
          continue;
        }
        const nl = data.indexOf(NEWLINE, pos);
        if (q !== -1 && (nl === -1 || q < nl)) {
          this.inQuotes = true;
          pos = q + 1;
          continue;
        }
        if (nl === -1) break;
        this.pendingRows++;
        pos = nl + 1;
        if (this.pendingBytes + (pos - start) >= this.targetBytes) {
          this.pending.push(data.subarray(start, pos));
          this.pendingBytes += pos - start;
          start = pos;
          this.cut();
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
    const fd = fs.openSync(file, 'w');
    try {
      // writev without concatenating first: no second copy of every byte
      const pieces = this.pending;
      let i = 0;
      while (i < pieces.length) {
        let written = fs.writevSync(fd, pieces.slice(i, i + 1024));
        while (written > 0 && i < pieces.length) {
          const head = pieces[i]!;
          if (written >= head.length) {
            written -= head.length;
            i++;
          } else {
            pieces[i] = head.subarray(written);
            written = 0;
          }
        }
      }
    } finally {
      fs.closeSync(fd);
    }
    const chunk = { file, rows: this.pendingRows, bytes: this.pendingBytes };
    this.totalRows += this.pendingRows;
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingRows = 0;
    this.onChunk(chunk);
  }
}
