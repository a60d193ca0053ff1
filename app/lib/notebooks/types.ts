import type { EChartsOption } from 'echarts';

/** Types a notebook parameter can have (front matter `params:`). */
export type NotebookParamType = 'month' | 'date' | 'string' | 'choice' | 'integer' | 'boolean';

/** A parameter as declared in the front matter. */
export interface NotebookParamSpec {
  readonly name: string;
  readonly type: NotebookParamType;
  readonly label: string;
  /** As written: YYYY-MM / current-N for months, YYYY-MM-DD / today-N for dates; null: none (NULL when optional). */
  readonly default: string | null;
  /** An empty value means NULL ("all"); string and choice parameters without a default are optional. */
  readonly optional: boolean;
  /** The values of a choice. */
  readonly options: readonly string[];
  readonly min: number | null;
  readonly max: number | null;
}

/** A parameter's value in this request. */
export interface NotebookParamValue {
  readonly name: string;
  /** What the form shows. */
  readonly text: string;
  /** The resolved value (YYYY-MM, YYYY-MM-DD, text, digits, true/false), null for NULL. */
  readonly value: string | null;
  /** Why the URL's value was not used. */
  readonly error: string | null;
  /** The same without the note that the default is used ("Currency: … is not one of …"). */
  readonly problem?: string;
}

/** Where a problem is: the block's first line in the file (1-based), and the line of the error when known. */
export interface BlockError {
  readonly message: string;
  readonly line: number;
}

export interface ResultTableData {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /** JSON-safe values: big integers and decimals as exact strings. */
  readonly rows: readonly (readonly unknown[])[];
  readonly truncated: boolean;
  readonly rowLimit: number;
}

export type RenderedBlock =
  | { readonly kind: 'markdown'; readonly line: number; readonly html: string }
  | {
      readonly kind: 'sql';
      readonly line: number;
      readonly name: string;
      readonly sql: string;
      readonly hidden: boolean;
      readonly result: ResultTableData | null;
      readonly elapsedMs: number | null;
      readonly error: BlockError | null;
    }
  | { readonly kind: 'chart'; readonly line: number; readonly query: string; readonly title: string | null; readonly option: EChartsOption | null; readonly error: BlockError | null }
  | { readonly kind: 'table'; readonly line: number; readonly query: string; readonly title: string | null; readonly result: ResultTableData | null; readonly error: BlockError | null };

export interface RenderedNotebook {
  readonly name: string;
  readonly title: string;
  readonly description: string | null;
  readonly params: readonly NotebookParamSpec[];
  readonly values: readonly NotebookParamValue[];
  /** A front matter that does not read; the blocks still render with what could be read. */
  readonly frontMatterError: BlockError | null;
  readonly blocks: readonly RenderedBlock[];
}

export interface NotebookSummary {
  readonly name: string;
  readonly title: string;
  readonly description: string | null;
  readonly error: string | null;
}
