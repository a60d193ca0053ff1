import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../../tests/support/warehouse.ts';
import { CsvChunker, type CsvChunk } from './csv-chunker.ts';

describe('CsvChunker', () => {
  const tmp = tempDataDir();
  afterEach(() => fs.readdirSync(tmp.dir).forEach((f) => fs.rmSync(`${tmp.dir}/${f}`)));
  afterAll(() => tmp.remove());

  it('cuts only between records, never inside a quoted field with newlines', async () => {
    const records = Array.from({ length: 500 }, (_, i) => `id${i},"line one\nline two, with ""quotes""",${i}\n`);
    const text = records.join('');
    const chunks: CsvChunk[] = [];
    // Feed it in awkward 7-byte pieces so quotes and newlines fall on piece edges.
    const pieces = [];
    for (let i = 0; i < text.length; i += 7) pieces.push(Buffer.from(text.slice(i, i + 7)));
    const chunker = new CsvChunker(tmp.dir, 't', 1000, (c) => chunks.push(c));
    await pipeline(Readable.from(pieces), chunker);

    expect(chunks.length).toBeGreaterThan(10);
    expect(chunker.totalRows).toBe(500);
    expect(chunks.reduce((s, c) => s + c.rows, 0)).toBe(500);
    const joined = chunks.map((c) => fs.readFileSync(c.file, 'utf8')).join('');
    expect(joined).toBe(text);
    for (const c of chunks) {
      const body = fs.readFileSync(c.file, 'utf8');
      expect(body.startsWith('id')).toBe(true);
      expect(body.endsWith('\n')).toBe(true);
      expect((body.match(/"/g) ?? []).length % 2).toBe(0);
    }
  });

  it('keeps multi-byte text intact across pieces', async () => {
    const text = 'cus_1,"ООО ""Вектор"", Москва"\ncus_2,Иванов Иван\n';
    const bytes = Buffer.from(text);
    const pieces = [bytes.subarray(0, 9), bytes.subarray(9, 10), bytes.subarray(10)];
    const chunks: CsvChunk[] = [];
    await pipeline(Readable.from(pieces), new CsvChunker(tmp.dir, 'u', 1 << 20, (c) => chunks.push(c)));
    expect(chunks).toHaveLength(1);
    expect(fs.readFileSync(chunks[0]!.file, 'utf8')).toBe(text);
    expect(chunks[0]!.rows).toBe(2);
  });

  it('refuses a stream that ends inside quotes', async () => {
    const chunker = new CsvChunker(tmp.dir, 'v', 1 << 20, () => undefined);
    await expect(pipeline(Readable.from([Buffer.from('a,"unterminated\n')]), chunker)).rejects.toThrow(/inside a quoted field/);
  });
});
