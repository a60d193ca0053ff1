import {
  AsyncByteQueue,
  Bool,
  DateDay,
  Decimal,
  Field,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  makeData,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  TimestampMicrosecond,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  type Data,
  type DataType,
} from 'apache-arrow';
import type { DuckDBDataChunk, DuckDBDateValue, DuckDBDecimalValue, DuckDBTimestampValue } from '@duckdb/node-api';
import type { ByteSink } from './sink.ts';
import type { ColumnDefinitions, ExportColumn } from './types.ts';

/**
 * Rows per Arrow record batch: DuckDB's 2,048-row chunks are gathered into batches of this size,
 * large enough for readers to work in bulk, small enough that a batch of wide text stays a few MB.
 */
export const ARROW_BATCH_ROWS = 16_384;

/** The Arrow type of a column (see normalisedSelect: every column arrives as one of these kinds). */
export function arrowType(column: ExportColumn): DataType {
  switch (column.kind) {
    case 'boolean':
      return new Bool();
    case 'integer':
    case 'bigint': {
      const bits = column.bits ?? 64;
      if (column.unsigned) return bits === 8 ? new Uint8() : bits === 16 ? new Uint16() : bits === 32 ? new Uint32() : new Uint64();
      return bits === 8 ? new Int8() : bits === 16 ? new Int16() : bits === 32 ? new Int32() : new Int64();
    }
    case 'double':
      return new Float64();
    case 'decimal':
      return new Decimal(column.scale ?? 0, column.width ?? 38, 128);
    case 'date':
      return new DateDay();
    case 'timestamp':
      return new TimestampMicrosecond();
    case 'timestamptz':
      return new TimestampMicrosecond('UTC');
    case 'text':
      return new Utf8();
  }
}

type Primitive = Int8Array | Int16Array | Int32Array | BigInt64Array | Uint8Array | Uint16Array | Uint32Array | BigUint64Array | Float64Array;

/** One column of the batch being filled: values in a typed array, validity as a bitmap (Arrow's layout). */
class ColumnBuffer {
  private values!: Primitive;
  private bits!: Uint8Array; // Bool values
  private strings: (string | null)[] = [];
  private validity!: Uint8Array;
  private nulls = 0;
  private length = 0;

  constructor(
    private readonly column: ExportColumn,
    readonly type: DataType,
    private readonly capacity: number,
  ) {
    this.reset();
  }

  private reset(): void {
    this.length = 0;
    this.nulls = 0;
    this.validity = new Uint8Array(Math.ceil(this.capacity / 8));
    this.strings = [];
    const n = this.capacity;
    switch (this.column.kind) {
      case 'boolean':
        this.bits = new Uint8Array(Math.ceil(n / 8));
        break;
      case 'integer':
      case 'bigint': {
        const bits = this.column.bits ?? 64;
        const u = this.column.unsigned;
        this.values =
          bits === 8 ? (u ? new Uint8Array(n) : new Int8Array(n))
          : bits === 16 ? (u ? new Uint16Array(n) : new Int16Array(n))
          : bits === 32 ? (u ? new Uint32Array(n) : new Int32Array(n))
          : u ? new BigUint64Array(n) : new BigInt64Array(n);
        break;
      }
      case 'double':
        this.values = new Float64Array(n);
        break;
      case 'decimal':
        this.values = new BigInt64Array(2 * n); // 128-bit little-endian two's complement: low word, high word
        break;
      case 'date':
        this.values = new Int32Array(n);
        break;
      case 'timestamp':
      case 'timestamptz':
        this.values = new BigInt64Array(n);
        break;
      case 'text':
        break;
    }
  }

  push(value: unknown): void {
    const i = this.length++;
    if (value === null || value === undefined) {
      this.nulls++;
      if (this.column.kind === 'text') this.strings.push(null);
      return;
    }
    this.validity[i >> 3]! |= 1 << (i & 7);
    switch (this.column.kind) {
      case 'boolean':
        if (value) this.bits[i >> 3]! |= 1 << (i & 7);
        break;
      case 'integer':
      case 'bigint':
      case 'double':
        (this.values as unknown as (number | bigint)[])[i] = value as number | bigint;
        break;
      case 'decimal': {
        const v = (value as DuckDBDecimalValue).value;
        const wide = this.values as BigInt64Array;
        wide[2 * i] = BigInt.asIntN(64, v);
        wide[2 * i + 1] = BigInt.asIntN(64, v >> 64n);
        break;
      }
      case 'date':
        (this.values as Int32Array)[i] = (value as DuckDBDateValue).days;
        break;
      case 'timestamp':
      case 'timestamptz':
        (this.values as BigInt64Array)[i] = (value as DuckDBTimestampValue).micros;
        break;
      case 'text':
        this.strings.push(String(value));
        break;
    }
  }

  /** The filled part as Arrow Data; the buffer starts over. */
  take(): Data {
    const length = this.length;
    const nullCount = this.nulls;
    const nullBitmap = nullCount > 0 ? this.validity.subarray(0, Math.ceil(length / 8)) : undefined;
    let data: Data;
    const type = this.type as never;
    switch (this.column.kind) {
      case 'boolean':
        data = makeData({ type, length, nullCount, nullBitmap, data: this.bits.subarray(0, Math.ceil(length / 8)) });
        break;
      case 'decimal':
        data = makeData({ type, length, nullCount, nullBitmap, data: new Uint32Array((this.values as BigInt64Array).buffer, 0, 4 * length) });
        break;
      case 'text': {
        const offsets = new Int32Array(length + 1);
        let bytes = 0;
        for (let i = 0; i < length; i++) {
          const s = this.strings[i];
          if (s) bytes += Buffer.byteLength(s, 'utf8');
          offsets[i + 1] = bytes;
        }
        const buffer = Buffer.allocUnsafe(bytes);
        for (let i = 0; i < length; i++) {
          const s = this.strings[i];
          if (s) buffer.write(s, offsets[i]!, 'utf8');
        }
        data = makeData({ type, length, nullCount, nullBitmap, valueOffsets: offsets, data: new Uint8Array(buffer.buffer, buffer.byteOffset, bytes) });
        break;
      }
      default:
        data = makeData({ type, length, nullCount, nullBitmap, data: this.values.subarray(0, length) as never });
    }
    this.reset();
    return data;
  }

  get size(): number {
    return this.length;
  }
}

/**
 * Arrow's writer queues its bytes in an AsyncByteQueue without limit; this one hands them over
 * instead, so the export can write them to the destination with backpressure after each batch.
 */
class HandOverQueue extends AsyncByteQueue {
  pending: Uint8Array[] = [];
  override write(value: Uint8Array): void {
    if (value.byteLength > 0) this.pending.push(value);
  }
  takePending(): Uint8Array[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }
}

export interface ArrowMetadata {
  readonly title: string;
  readonly source: string;
  readonly exportedAt: string;
  readonly timezone: string;
  readonly definitions: ColumnDefinitions;
}

/**
 * Writes the chunks as an Arrow IPC stream (schema, record batches of up to ARROW_BATCH_ROWS rows,
 * end-of-stream marker). BIGINT minor units are Int64, DECIMAL is Decimal128, DATE is DateDay,
 * timestamps are microseconds (TIMESTAMPTZ with zone "UTC"). The title, source and export time are
 * schema metadata; each column's definition is field metadata `definition` (and `unit` for money).
 */
export async function writeArrow(
  chunks: AsyncIterable<DuckDBDataChunk>,
  columns: readonly ExportColumn[],
  metadata: ArrowMetadata,
  sink: ByteSink,
): Promise<number> {
  const fields = columns.map((c) => {
    const meta = new Map<string, string>();
    const definition = metadata.definitions[c.name];
    if (definition) meta.set('definition', definition);
    if (c.money) meta.set('unit', `integer minor units of the row's ${c.money.currencyColumn}`);
    return new Field(c.name, arrowType(c), true, meta);
  });
  const schema = new Schema(
    fields,
    new Map([
      ['title', metadata.title],
      ['source', metadata.source],
      ['exported_at', metadata.exportedAt],
      ['timezone', metadata.timezone],
    ]),
  );
  const buffers = columns.map((c, i) => new ColumnBuffer(c, fields[i]!.type, ARROW_BATCH_ROWS));
  const queue = new HandOverQueue();
  const writer = new RecordBatchStreamWriter();
  writer.reset(queue, schema);
  const flushQueue = async () => {
    for (const bytes of queue.takePending()) await sink.write(bytes);
  };
  let rows = 0;
  const writeBatch = async () => {
    const length = buffers[0]?.size ?? 0;
    if (length === 0) return;
    const children = buffers.map((b) => b.take());
    writer.write(new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length, nullCount: 0, children })));
    await flushQueue();
  };
  await flushQueue(); // the schema message
  for await (const chunk of chunks) {
    let offset = 0;
    while (offset < chunk.rowCount) {
      const take = Math.min(chunk.rowCount - offset, ARROW_BATCH_ROWS - buffers[0]!.size);
      for (let c = 0; c < columns.length; c++) {
        const vector = chunk.getColumnVector(c);
        const buffer = buffers[c]!;
        for (let r = offset; r < offset + take; r++) buffer.push(vector.getItem(r));
      }
      offset += take;
      rows += take;
      if (buffers[0]!.size === ARROW_BATCH_ROWS) await writeBatch();
    }
  }
  await writeBatch();
  writer.close(); // writes the end-of-stream marker into the queue
  await flushQueue();
  return rows;
}
