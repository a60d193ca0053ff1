/**
 * The trainer's input: a table of named feature columns plus a 0/1 label, independent of where the
 * rows come from (the warehouse's churn feature mart, the Telco CSV in bench/, a user's own export).
 * The encoder turns it into the dense numeric matrix every model here consumes and ONNX receives.
 */

export type ColumnKind = 'numeric' | 'categorical';

/** One feature column. Numeric: null/NaN means missing. Categorical: null means missing. */
export type FeatureColumn =
  | { readonly name: string; readonly kind: 'numeric'; readonly values: ArrayLike<number | null> }
  | { readonly name: string; readonly kind: 'categorical'; readonly values: readonly (string | null)[] };

export interface FeatureTable {
  readonly columns: readonly FeatureColumn[];
  /** 1 = the event happened (churned), 0 = not. Same length as every column. */
  readonly label: ArrayLike<number>;
}

/** How one source column became one or more model inputs; stored with the model. */
export type EncodedColumn =
  | { readonly name: string; readonly kind: 'numeric'; readonly fill: number }
  | { readonly name: string; readonly kind: 'categorical'; readonly categories: readonly string[] };

/** One input of the model matrix: its position, the source column and, for one-hot, the category. */
export interface EncodedFeature {
  readonly index: number;
  readonly column: string;
  readonly category: string | null;
}

export interface EncoderSpec {
  readonly columns: readonly EncodedColumn[];
}

/** A row-major matrix of float64 values; `at(r, c) = data[r * width + c]`. */
export interface Matrix {
  readonly rows: number;
  readonly width: number;
  readonly data: Float64Array;
}

export class FeatureTableError extends Error {
  constructor(readonly code: 'EMPTY_TABLE' | 'LENGTH_MISMATCH' | 'BAD_LABEL' | 'MISSING_COLUMN' | 'WRONG_KIND', message: string) {
    super(message);
    this.name = 'FeatureTableError';
  }
}

export function tableRows(table: FeatureTable): number {
  return table.label.length;
}

export function validateTable(table: FeatureTable): void {
  const n = table.label.length;
  if (n === 0) throw new FeatureTableError('EMPTY_TABLE', 'the feature table has no rows');
  for (const c of table.columns) {
    if (c.values.length !== n) throw new FeatureTableError('LENGTH_MISMATCH', `column ${c.name} has ${c.values.length} values, the label has ${n}`);
  }
  for (let i = 0; i < n; i++) {
    const y = table.label[i];
    if (y !== 0 && y !== 1) throw new FeatureTableError('BAD_LABEL', `label of row ${i} is ${y}; it must be 0 or 1`);
  }
}

/** Rows `indices` of a table, in that order. */
export function takeRows(table: FeatureTable, indices: readonly number[]): FeatureTable {
  const pick = <T>(values: ArrayLike<T>): T[] => indices.map((i) => values[i]);
  return {
    columns: table.columns.map((c) => (c.kind === 'numeric'
      ? { name: c.name, kind: 'numeric' as const, values: pick(c.values) }
      : { name: c.name, kind: 'categorical' as const, values: pick(c.values) })),
    label: Float64Array.from(pick(table.label)),
  };
}

const isMissing = (v: number | null): v is null => v === null || Number.isNaN(v);

/**
 * Learns the encoding on the training rows only: categories seen there (sorted, so the same data
 * gives the same model) and, for numeric columns, the median as the fill for missing values.
 * A category not seen in training encodes as all zeros (no category column lights up).
 */
export function fitEncoder(table: FeatureTable): EncoderSpec {
  return {
    columns: table.columns.map((c): EncodedColumn => {
      if (c.kind === 'categorical') {
        const seen = new Set<string>();
        for (const v of c.values) if (v !== null) seen.add(v);
        return { name: c.name, kind: 'categorical', categories: [...seen].sort() };
      }
      const present: number[] = [];
      for (let i = 0; i < c.values.length; i++) {
        const v = c.values[i];
        if (!isMissing(v)) present.push(v);
      }
      present.sort((a, b) => a - b);
      const fill = present.length === 0 ? 0 : present[Math.floor((present.length - 1) / 2)];
      return { name: c.name, kind: 'numeric', fill };
    }),
  };
}

export function encodedFeatures(spec: EncoderSpec): EncodedFeature[] {
  const out: EncodedFeature[] = [];
  for (const c of spec.columns) {
    if (c.kind === 'numeric') out.push({ index: out.length, column: c.name, category: null });
    else for (const cat of c.categories) out.push({ index: out.length, column: c.name, category: cat });
  }
  return out;
}

export function featureLabel(f: EncodedFeature): string {
  return f.category === null ? f.column : `${f.column}=${f.category}`;
}

/** Encodes a table with a fitted spec; the table must hold every column of the spec, of the same kind. */
export function encode(spec: EncoderSpec, table: FeatureTable): Matrix {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const rows = table.label.length;
  const width = encodedFeatures(spec).length;
  const data = new Float64Array(rows * width);
  let offset = 0;
  for (const col of spec.columns) {
    const source = byName.get(col.name);
    if (!source) throw new FeatureTableError('MISSING_COLUMN', `the table has no column ${col.name}, which the model needs`);
    if (source.kind !== col.kind) throw new FeatureTableError('WRONG_KIND', `column ${col.name} is ${source.kind}; the model expects ${col.kind}`);
    if (col.kind === 'numeric') {
      const values = source.values as ArrayLike<number | null>;
      for (let r = 0; r < rows; r++) {
        const v = values[r];
        data[r * width + offset] = isMissing(v) ? col.fill : v;
      }
      offset += 1;
    } else {
      const index = new Map(col.categories.map((c, i) => [c, i]));
      const values = source.values as readonly (string | null)[];
      for (let r = 0; r < rows; r++) {
        const v = values[r];
        const i = v === null ? undefined : index.get(v);
        if (i !== undefined) data[r * width + offset + i] = 1;
      }
      offset += col.categories.length;
    }
  }
  return { rows, width, data };
}
