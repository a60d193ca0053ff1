/** The exchange-rate table in the real workbench database: CSV loading, validation, corrections, the demo set. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFxRates, seedDemoFxRates } from '../../app/lib/server/fx/demo-rates.ts';
import { FxRateBook } from '../../app/lib/server/fx/convert.ts';
import { FxInputError, listRates, parseRatesCsv, saveRates } from '../../app/lib/server/fx/rates.ts';
import { createTestWorkbench, type TestWorkbench } from '../support/workbench-database.ts';

let workbench: TestWorkbench;

beforeAll(async () => {
  workbench = await createTestWorkbench();
}, 60_000);

afterAll(async () => {
  await workbench?.drop();
});

describe('rates CSV', () => {
  it('reads quoted fields, a BOM and CRLF line ends, keeping rates exact', async () => {
    const rates = await parseRatesCsv('\uFEFFdate,currency,quote,rate,source\r\n2025-01-31,usd,RUB,"101.678912345678","Bank of Russia, official"\r\n2025-01-31,EUR,RUB,105.5,\r\n');
    expect(rates).toEqual([
      { date: '2025-01-31', currency: 'USD', quote: 'RUB', rate: '101.678912345678', source: 'Bank of Russia, official' },
      { date: '2025-01-31', currency: 'EUR', quote: 'RUB', rate: '105.5', source: 'entered by hand' },
    ]);
  });

  it('rejects the whole file and names every bad line', async () => {
    const csv = 'date,currency,quote,rate\n2025-02-30,USD,RUB,90\n2025-03-31,USD,USD,1\n2025-03-31,USD,RUB,-3\n2025-03-31,EUR,RUB,99\n';
    const error = await parseRatesCsv(csv).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FxInputError);
    expect((error as FxInputError).problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect((error as FxInputError).problems[0]!.message).toMatch(/2025-02-30.*not a calendar day/);
  });

  it('says which columns a header lacks', async () => {
    await expect(parseRatesCsv('day,currency,rate\n2025-01-31,USD,90\n')).rejects.toThrow(/lacks date, quote/);
  });
});

describe('rate table', () => {
  it('saves rates, replaces a corrected rate for the same pair and day, and lists them oldest first', async () => {
    await saveRates(workbench.workbench.db, [
      { date: '2025-02-28', currency: 'USD', quote: 'RUB', rate: '88.1', source: 'test' },
      { date: '2025-01-31', currency: 'USD', quote: 'RUB', rate: '91', source: 'test' },
    ], 'tester');
    await saveRates(workbench.workbench.db, [{ date: '2025-02-28', currency: 'USD', quote: 'RUB', rate: '88.25', source: 'correction' }], 'tester');
    const rates = await listRates(workbench.workbench.db);
    expect(rates.map((r) => [r.date, r.rate, r.source])).toEqual([
      ['2025-01-31', '91', 'test'],
      ['2025-02-28', '88.25', 'correction'],
    ]);
    expect(new FxRateBook(rates).rate('USD', 'RUB', '2025-03-15').applied).toMatchObject({ rateText: '88.25', date: '2025-02-28' });
  });

  it('refuses a rate the database constraints reject, saving none of the batch', async () => {
    const before = (await listRates(workbench.workbench.db)).length;
    await expect(saveRates(workbench.workbench.db, [
      { date: '2025-04-30', currency: 'USD', quote: 'RUB', rate: '87', source: 'ok' },
      { date: '2025-04-30', currency: 'EUR', quote: 'EUR', rate: '1', source: 'bad' },
    ], 'tester')).rejects.toThrow();
    expect((await listRates(workbench.workbench.db)).length).toBe(before);
  });

  it('seeds the demo rates only into an empty table', async () => {
    expect(await seedDemoFxRates(workbench.workbench.db)).toBe(false);
    await workbench.workbench.db.deleteFrom('fx_rates').execute();
    expect(await seedDemoFxRates(workbench.workbench.db)).toBe(true);
    const rates = await listRates(workbench.workbench.db);
    expect(rates.length).toBe(demoFxRates().length);
    // EUR→USD crosses through RUB with the demo set.
    expect(new FxRateBook(rates).rate('EUR', 'USD', '2026-06-30').applied).toMatchObject({ via: 'cross', through: 'RUB', date: '2026-06-30' });
  });
});
