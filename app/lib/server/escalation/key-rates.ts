/**
 * The Bank of Russia key rate as a dated table, for пеня of 1/300 (or 1/130) of the key rate per day.
 *
 * Source: Bank of Russia, "Key rate" page, https://www.cbr.ru/hd_base/KeyRate/ and
 * https://www.cbr.ru/eng/hd_base/KeyRate/ (each row: the date the new rate takes effect).
 * Since 2016-01-01 the refinancing rate equals the key rate (Указание Банка России № 3894-У), so
 * this table also serves rules written in terms of the refinancing rate; earlier days are left
 * out on purpose (the refinancing rate was 8.25 % then, not the key rate).
 *
 * Keep it current: an admin must add each new decision (the Board meets about eight times a
 * year). Until then a late fee for days after `reviewedOn` uses the last rate here, which may be
 * stale. Policies reference this table by its id, 'cbr-key-rate'.
 */
import { fractionFromDecimal } from './fraction.ts';
import type { DatedRateTable, RateTableRegistry } from './types.ts';

/** [effective from, rate as a fraction of 1]. */
const CBR_KEY_RATE_ROWS: ReadonlyArray<readonly [string, string]> = [
  ['2015-08-03', '0.11'],
  ['2016-06-14', '0.105'],
  ['2016-09-19', '0.10'],
  ['2017-03-27', '0.0975'],
  ['2017-05-02', '0.0925'],
  ['2017-06-19', '0.09'],
  ['2017-09-18', '0.085'],
  ['2017-10-30', '0.0825'],
  ['2017-12-18', '0.0775'],
  ['2018-02-12', '0.075'],
  ['2018-03-26', '0.0725'],
  ['2018-09-17', '0.075'],
  ['2018-12-17', '0.0775'],
  ['2019-06-17', '0.075'],
  ['2019-07-29', '0.0725'],
  ['2019-09-09', '0.07'],
  ['2019-10-28', '0.065'],
  ['2019-12-16', '0.0625'],
  ['2020-02-10', '0.06'],
  ['2020-04-27', '0.055'],
  ['2020-06-22', '0.045'],
  ['2020-07-27', '0.0425'],
  ['2021-03-22', '0.045'],
  ['2021-04-26', '0.05'],
  ['2021-06-15', '0.055'],
  ['2021-07-26', '0.065'],
  ['2021-09-13', '0.0675'],
  ['2021-10-25', '0.075'],
  ['2021-12-20', '0.085'],
  ['2022-02-14', '0.095'],
  ['2022-02-28', '0.20'],
  ['2022-04-11', '0.17'],
  ['2022-05-04', '0.14'],
  ['2022-05-27', '0.11'],
  ['2022-06-14', '0.095'],
  ['2022-07-25', '0.08'],
  ['2022-09-19', '0.075'],
  ['2023-07-24', '0.085'],
  ['2023-08-15', '0.12'],
  ['2023-09-18', '0.13'],
  ['2023-10-30', '0.15'],
  ['2023-12-18', '0.16'],
  ['2024-07-29', '0.18'],
  ['2024-09-16', '0.19'],
  ['2024-10-28', '0.21'],
  ['2025-06-09', '0.20'],
  ['2025-07-28', '0.18'],
  ['2025-09-15', '0.17'],
  ['2025-10-27', '0.165'],
];

export const CBR_KEY_RATE: DatedRateTable = {
  id: 'cbr-key-rate',
  name: 'Bank of Russia key rate',
  source: 'https://www.cbr.ru/hd_base/KeyRate/',
  reviewedOn: '2025-11-01',
  rates: CBR_KEY_RATE_ROWS.map(([from, rate], i) => ({ from, rate: fractionFromDecimal(rate, `CBR_KEY_RATE[${i}]`) })),
};

/** The tables shipped with Ledgerlens; the workbench may pass its own (admin-maintained) registry instead. */
export const BUILT_IN_RATE_TABLES: RateTableRegistry = { [CBR_KEY_RATE.id]: CBR_KEY_RATE };
