import type { FrequencyRow } from './types.ts';

/** The day thresholds the frequency table shows: at least 1 day a month, … , nearly every day. */
export const FREQUENCY_THRESHOLDS = [1, 2, 4, 8, 15, 22] as const;

export interface FrequencyLine {
  readonly service: string;
  readonly unit: string;
  readonly inService: bigint;
  /** Per threshold: customer-months with at least that many active days, and its share of in-service customer-months. */
  readonly atLeast: readonly { readonly days: number; readonly customerMonths: bigint; readonly share: number | null }[];
}

/**
 * One line per service from the distribution rows of sql/queries/preferences_service_frequency.sql:
 * the count "at least N days" is the query's customer_months_at_least at the smallest active_days ≥ N
 * (nobody used the service between N and that day count), 0 when no one reached N days.
 */
export function frequencyLines(rows: readonly FrequencyRow[], thresholds: readonly number[] = FREQUENCY_THRESHOLDS): FrequencyLine[] {
  const services = new Map<string, FrequencyRow[]>();
  for (const r of rows) {
    const key = `${r.service}:${r.unit}`;
    services.set(key, [...(services.get(key) ?? []), r]);
  }
  return [...services.values()].map((list) => {
    const sorted = [...list].sort((a, b) => a.activeDays - b.activeDays);
    const inService = sorted[0]!.inService;
    return {
      service: sorted[0]!.service,
      unit: sorted[0]!.unit,
      inService,
      atLeast: thresholds.map((days) => {
        const customerMonths = sorted.find((r) => r.activeDays >= days)?.customerMonthsAtLeast ?? 0n;
        return { days, customerMonths, share: inService === 0n ? null : Number((customerMonths * 1_000_000n) / inService) / 1_000_000 };
      }),
    };
  });
}
