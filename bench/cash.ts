/**
 * `npm run bench -- cash [--scale S|M|XS] [--run-date YYYY-MM-DD]`
 *
 * The cash-collection forecast's rolling-origin backtest on the generated demo (scale S by default):
 * 8 origins 4 weeks apart, the latest 13 weeks before the run date; at each, the method sees only what
 * was known then and forecasts the payments on the then-open invoices week by week for 13 weeks.
 * Prints, per currency, the weekly error (WAPE per week ahead, mean forecast and actual), both
 * variants side by side (all class dimensions vs days past due alone), bias, band coverage and the
 * time taken, and ends with the line for the largest currency:
 *   cash: scale=S currency=RUB origins=8 wape=… alternative_wape=… bias=… coverage80=… coverage95=… seconds=…
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cashSchedule, computeCashForecasts, loadCashClasses } from '../app/lib/server/forecast/cash-series.ts';
import { isScale } from '../pipelines/generate/generate.ts';
import { createBillingPool } from '../pipelines/source/type-mapping.ts';
import { runSync } from '../pipelines/sync/run-sync.ts';
import { openWarehouse } from '../pipelines/warehouse/connection.ts';
import { AS_OF, ensureTemplate, TZ, urlFor } from './support/billing-template.ts';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '   —  ' : `${(100 * v).toFixed(1).padStart(5)} %`);
const num = (v: number | null | undefined, digits = 4) => (v === null || v === undefined ? 'null' : v.toFixed(digits));

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { scale: { type: 'string', default: 'S' }, 'run-date': { type: 'string' } } });
  const scale = values.scale!;
  if (!isScale(scale)) throw new Error(`--scale must be XS, S or M, not ${scale}`);
  // The demo's as-of day in the business time zone: its receivables are open "now".
  const runDate = values['run-date'] ?? AS_OF.toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(runDate)) throw new Error(`--run-date must be YYYY-MM-DD, not ${runDate}`);
  const template = await ensureTemplate(scale);
  const source = createBillingPool(urlFor(template), 2);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-bench-cash-'));
  const warehouse = await openWarehouse(path.join(workDir, 'warehouse.duckdb'));
  try {
    console.log('building the warehouse (full sync) …');
    await runSync({ source, warehouse, timezone: TZ, workDir, mode: 'full' });
    const started = performance.now();
    const schedule = cashSchedule(runDate);
    const rows = await loadCashClasses(warehouse, schedule);
    const loadMs = performance.now() - started;
    const results = computeCashForecasts(rows, schedule);
    const seconds = (performance.now() - started) / 1000;
    console.log(`run date ${runDate}; origins ${schedule.backtestOrigins.at(-1)} … ${schedule.backtestOrigins[0]}; ${schedule.refDays.length} reference days, ${rows.length} class rows loaded in ${loadMs.toFixed(0)} ms`);
    for (const r of results) {
      const b = r.backtest;
      console.log(`\n${r.forecast.currency}: ${r.forecast.model}`);
      console.log(`  open now ${r.forecast.params.open_minor} minor units; expected in 13 weeks ${r.forecast.params.expected_13w_minor}`);
      console.log('  week  forecast(mean)    actual(mean)   WAPE');
      for (const w of b.byWeek) console.log(`  ${String(w.week).padStart(4)}  ${Math.round(w.forecast).toString().padStart(14)}  ${Math.round(w.actual).toString().padStart(14)}  ${pct(w.wape)}`);
      console.log(`  all weeks: WAPE ${pct(b.wape)} (${r.alternative.variant === 'age' ? 'days past due alone' : 'all class dimensions'}: ${pct(r.alternative.wape)}), bias ${pct(b.bias)}, 80 % band coverage ${pct(b.coverage80)}, 95 % ${pct(b.coverage95)}`);
      const totals = b.origins.map((o) => ({ o: o.origin, f: o.forecast.reduce((s, v) => s + v, 0), a: o.actual.reduce((s, v) => s + v, 0) }));
      console.log(`  13-week totals per origin (forecast / actual): ${totals.map((t) => `${t.o} ${(t.f / t.a).toFixed(3)}`).join(', ')}`);
    }
    const main = [...results].sort((a, b) => b.forecast.params.open_minor - a.forecast.params.open_minor)[0];
    if (!main) throw new Error('no currency has open receivables at the run date');
    const b = main.backtest;
    console.log(`\ncash: scale=${scale} currency=${main.forecast.currency} origins=${b.origins.length} wape=${num(b.wape)} alternative_wape=${num(main.alternative.wape)} bias=${num(b.bias)} coverage80=${num(b.coverage80, 3)} coverage95=${num(b.coverage95, 3)} seconds=${seconds.toFixed(2)}`);
  } finally {
    warehouse.close();
    await source.end();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
