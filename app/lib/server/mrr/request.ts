import type { MonthString } from '../../months.ts';
import { mrrMonthBounds, resolveRange, type MonthBounds } from './load.ts';
import { parseMrrInput } from './params.ts';
import type { Db } from './queries.ts';
import type { MrrInput } from './types.ts';

export interface ResolvedMrrRequest {
  readonly input: MrrInput;
  /** The months shown; null before any subscription reached the warehouse. */
  readonly range: { readonly from: MonthString; readonly to: MonthString } | null;
  /** The months the warehouse has closes for. */
  readonly bounds: MonthBounds | null;
}

/** Parses the request (MrrInputError on bad input) and fills the default months from the data. */
export async function resolveMrrRequest(db: Db, search: URLSearchParams): Promise<ResolvedMrrRequest> {
  const input = parseMrrInput(search);
  const bounds = await mrrMonthBounds(db);
  return { input, bounds, range: bounds ? resolveRange(input, bounds) : null };
}
