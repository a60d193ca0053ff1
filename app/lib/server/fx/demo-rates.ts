import type { FxRate } from '../../fx/types.ts';
import type { WorkbenchDb } from '../workbench/database.ts';
import { saveRates } from './rates.ts';

export const DEMO_RATE_SOURCE = 'demo: illustrative month-end rates, not market data';

/**
 * The demo's rate table: USD→RUB and EUR→RUB at every month end from 2024-01 up to `until` (no
 * rates from the future), drifting gently around the levels the demo price list assumes (90 and
 * 98), so converted figures move a little with the rate as real ones do. Deterministic.
 */
export function demoFxRates(until: string = new Date().toISOString().slice(0, 10)): FxRate[] {
  const rates: FxRate[] = [];
  for (let i = 0; i < 48; i++) {
    const year = 2024 + Math.floor(i / 12);
    const month = (i % 12) + 1;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const date = `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
    // Whole ten-thousandths computed in integers, so the text is exact.
    const usd = 900000 + Math.round(45000 * Math.sin(i / 4)) + 800 * (i % 3);
    const eur = 980000 + Math.round(52000 * Math.sin(i / 4 + 0.6)) + 700 * (i % 4);
    if (date > until) break;
    const text = (v: number) => `${Math.floor(v / 10000)}.${String(v % 10000).padStart(4, '0')}`;
    rates.push({ date, currency: 'USD', quote: 'RUB', rate: text(usd), source: DEMO_RATE_SOURCE });
    rates.push({ date, currency: 'EUR', quote: 'RUB', rate: text(eur), source: DEMO_RATE_SOURCE });
  }
  return rates;
}

/** Loads the demo rates into an empty rate table (the embedded demo's first start); leaves any existing table alone. */
export async function seedDemoFxRates(db: WorkbenchDb): Promise<boolean> {
  const existing = await db.selectFrom('fx_rates').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return false;
  await saveRates(db, demoFxRates(), 'demo');
  return true;
}
