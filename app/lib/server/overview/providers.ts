import type { KpiProvider } from './load.ts';

/** KPI cards other features add to the overview (MRR joins here), in the order they appear. */
export const overviewKpiProviders: readonly KpiProvider[] = [];
