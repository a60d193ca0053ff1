import { describe, expect, it } from 'vitest';
import { ProtoWriter } from './protobuf-writer.ts';

const hex = (w: ProtoWriter) => Buffer.from(w.finish()).toString('hex');

describe('ProtoWriter', () => {
  it('encodes varints as in the protobuf documentation', () => {
    const w = new ProtoWriter();
    w.int64(1, 150); // the spec's example: 08 96 01
    expect(hex(w)).toBe('089601');
  });

  it('encodes a negative int64 in ten bytes', () => {
    const w = new ProtoWriter();
    w.int64(1, -1);
    expect(hex(w)).toBe('08ffffffffffffffffff01');
  });

  it('encodes strings and nested messages length-delimited', () => {
    const w = new ProtoWriter();
    w.string(2, 'testing'); // the spec's example: 12 07 74 65 73 74 69 6e 67
    expect(hex(w)).toBe('120774657374696e67');
    const outer = new ProtoWriter();
    outer.message(3, (m) => m.int64(1, 150)); // 1a 03 08 96 01
    expect(hex(outer)).toBe('1a03089601');
  });

  it('packs repeated numbers little-endian', () => {
    const w = new ProtoWriter();
    w.packedInt64(4, [3, 270, 86942]); // the spec's example: 22 06 03 8e 02 9e a7 05
    expect(hex(w)).toBe('2206038e029ea705');
    const f = new ProtoWriter();
    f.packedFloat(1, [1]);
    expect(hex(f)).toBe('0a040000803f');
    const d = new ProtoWriter();
    d.packedDouble(1, [1]);
    expect(hex(d)).toBe('0a08000000000000f03f');
  });

  it('refuses a non-integer for an int64 field', () => {
    expect(() => new ProtoWriter().int64(1, 1.5)).toThrow(RangeError);
  });
});
