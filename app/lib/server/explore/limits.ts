import type { QueryLimits } from './read-only-query.ts';

/** What the explorer page runs a query with: the rows shown and the time it may take. */
export const EXPLORE_PAGE_LIMITS: QueryLimits = { timeoutMs: 30_000, rowLimit: 1_000 };
/** A download may carry more rows and take longer. */
export const EXPLORE_DOWNLOAD_LIMITS: QueryLimits = { timeoutMs: 60_000, rowLimit: 100_000 };
