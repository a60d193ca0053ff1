import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** One M3 monthly series: the training part and the 18 held-out values. */
export interface M3Series {
  readonly id: string;
  readonly category: string;
  readonly train: number[];
  readonly test: number[];
}

/** Where the shared M3 files live; a user elsewhere points LEDGERLENS_DATASETS at their own copy. */
export function m3Directory(): string {
  return path.resolve(process.env.LEDGERLENS_DATASETS ?? path.join(process.cwd(), '..', 'shared', 'datasets'), 'm3');
}

/** Parses a simple CSV (quoted fields without embedded commas or quotes, as these files are). */
export function parseCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const strip = (s: string) => s.replace(/^"|"$/g, '');
  const header = lines[0].split(',').map(strip);
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map(strip);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

/** The 1,428 monthly series in file order, values in time order. */
export async function loadM3Monthly(directory = m3Directory()): Promise<M3Series[]> {
  const rows = parseCsv(await readFile(path.join(directory, 'm3_monthly_long.csv'), 'utf8'));
  const byId = new Map<string, { id: string; category: string; points: { t: number; value: number; split: string }[] }>();
  for (const r of rows) {
    let s = byId.get(r.series_id);
    if (!s) byId.set(r.series_id, (s = { id: r.series_id, category: r.category, points: [] }));
    s.points.push({ t: Number(r.t), value: Number(r.value), split: r.split });
  }
  return [...byId.values()].map((s) => {
    const points = s.points.sort((a, b) => a.t - b.t);
    return { id: s.id, category: s.category, train: points.filter((p) => p.split === 'train').map((p) => p.value), test: points.filter((p) => p.split === 'test').map((p) => p.value) };
  });
}
