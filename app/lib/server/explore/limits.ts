import type { QueryLimits } from './read-only-query.ts';

/** What the explorer page runs a query with: the rows shown and the time it may take. */
export const EXPLORE_PAGE_LIMITS: QueryLimits = { timeoutMs: 30_000, rowLimit: 1_000 };
