/**
 * A minimal protocol-buffers *writer* (wire format only), enough to emit ONNX models.
 *
 * Why hand-written: we only ever write ~10 ONNX message types, never read them. The registry's
 * `onnx-proto` (8.0.1) ships an ONNX 1.8-era schema on protobufjs 6; adding protobufjs plus a
 * generated schema for ~150 lines of encoding was not worth a new dependency. The encoding is
 * checked two ways: a byte-level test against hand-computed wire bytes, and onnxruntime-node
 * loading and running every model we export (see ../onnx-export.test.ts).
 *
 * Wire format: https://protobuf.dev/programming-guides/encoding/
 */

const enum WireType { Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5 }

const utf8 = new TextEncoder();

/** An append-only byte buffer with the protobuf primitive encoders. */
export class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private length = 0;

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  private tag(field: number, wire: WireType): void {
    this.varint(BigInt((field << 3) | wire));
  }

  /** Unsigned LEB128; negative int64 values take ten bytes (two's complement), as protobuf specifies. */
  varint(value: bigint | number): void {
    let v = BigInt.asUintN(64, BigInt(value));
    const out: number[] = [];
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    this.push(Uint8Array.from(out));
  }

  int64(field: number, value: number | bigint): void {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new RangeError(`field ${field}: ${value} is not an integer`);
    this.tag(field, WireType.Varint);
    this.varint(value);
  }

  float(field: number, value: number): void {
    this.tag(field, WireType.Fixed32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.push(b);
  }

  bytes(field: number, value: Uint8Array): void {
    this.tag(field, WireType.LengthDelimited);
    this.varint(value.length);
    this.push(value);
  }

  string(field: number, value: string): void {
    this.bytes(field, utf8.encode(value));
  }

  /** An embedded message, written by `build` into its own writer. */
  message(field: number, build: (w: ProtoWriter) => void): void {
    const inner = new ProtoWriter();
    build(inner);
    this.bytes(field, inner.finish());
  }

  /** Repeated int64 in packed form (parsers must accept packed for any repeated scalar). */
  packedInt64(field: number, values: ArrayLike<number | bigint>): void {
    const inner = new ProtoWriter();
    for (let i = 0; i < values.length; i++) inner.varint(values[i]);
    this.bytes(field, inner.finish());
  }

  packedFloat(field: number, values: ArrayLike<number>): void {
    const b = new Uint8Array(values.length * 4);
    const view = new DataView(b.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
    this.bytes(field, b);
  }

  packedDouble(field: number, values: ArrayLike<number>): void {
    const b = new Uint8Array(values.length * 8);
    const view = new DataView(b.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
    this.bytes(field, b);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
