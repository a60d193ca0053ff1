import { currencyDecimals } from '../../money.ts';
import type { AppliedRate, FxRate, IsoDay } from '../../fx/types.ts';
import { FxError } from './errors.ts';

/** An exact positive rational: units of the reporting currency per unit of the source currency. */
interface Ratio {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const DECIMAL = /^(\d{1,12})(?:\.(\d{1,12}))?$/;

/** '92.4567' → 924567/10000, exactly; throws FX_BAD_RATE for anything but a positive plain decimal. */
export function parseRate(text: string): Ratio {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new FxError('FX_BAD_RATE', `rate "${text}" is not a positive decimal such as 92.4567`);
  const digits = match[2] ?? '';
  const numerator = BigInt(match[1]! + digits);
  if (numerator === 0n) throw new FxError('FX_BAD_RATE', `rate "${text}" must be greater than zero`);
  return { numerator, denominator: 10n ** BigInt(digits.length) };
}

function ratioText(r: Ratio, places = 6): string {
  const scaled = (r.numerator * 10n ** BigInt(places) * 2n + r.denominator) / (2n * r.denominator);
  const digits = scaled.toString().padStart(places + 1, '0');
  return `${digits.slice(0, -places)}.${digits.slice(-places)}`.replace(/\.?0+$/, '');
}

/**
 * All known rates, to look up the closing rate of a day. Built once per request from the workbench's
 * rate table (small: a few currencies × a rate a day at most).
 */
export class FxRateBook {
  /** `${currency}>${quote}` → rates sorted by date. */
  readonly #byPair = new Map<string, FxRate[]>();

  constructor(rates: readonly FxRate[]) {
    for (const rate of rates) {
      const key = `${rate.currency}>${rate.quote}`;
      const list = this.#byPair.get(key) ?? [];
      list.push(rate);
      this.#byPair.set(key, list);
    }
    for (const list of this.#byPair.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  }

  /** The latest published rate currency→quote dated on or before `day`, or undefined. */
  #latest(currency: string, quote: string, day: IsoDay): FxRate | undefined {
    const list = this.#byPair.get(`${currency}>${quote}`);
    if (!list) return undefined;
    let found: FxRate | undefined;
    for (const rate of list) {
      if (rate.date > day) break;
      found = rate;
    }
    return found;
  }

  /** Currencies any rate mentions, for the reporting-currency picker. */
  currencies(): string[] {
    const all = new Set<string>();
    for (const [key] of this.#byPair) for (const code of key.split('>')) all.add(code);
    return [...all].sort();
  }

  /**
   * The closing rate currency→reporting on `day`: the latest rate dated on or before it, published
   * directly, as its inverse, or crossed through one currency both are quoted in (the most recent
   * such pair wins). Throws FX_RATE_MISSING naming the pair and day when there is none.
   */
  rate(currency: string, reporting: string, day: IsoDay): { ratio: Ratio; applied: AppliedRate } {
    if (currency === reporting) {
      return { ratio: { numerator: 1n, denominator: 1n }, applied: { currency, reporting, rateText: '1', date: day, via: 'identity' } };
    }
    const direct = this.#latest(currency, reporting, day);
    if (direct) {
      const ratio = parseRate(direct.rate);
      return { ratio, applied: { currency, reporting, rateText: ratioText(ratio), date: direct.date, via: 'direct' } };
    }
    const inverse = this.#latest(reporting, currency, day);
    if (inverse) {
      const r = parseRate(inverse.rate);
      const ratio = { numerator: r.denominator, denominator: r.numerator };
      return { ratio, applied: { currency, reporting, rateText: ratioText(ratio), date: inverse.date, via: 'inverse' } };
    }
    let best: { ratio: Ratio; applied: AppliedRate } | undefined;
    for (const through of this.currencies()) {
      if (through === currency || through === reporting) continue;
      const a = this.#latest(currency, through, day);
      const b = this.#latest(reporting, through, day);
      if (!a || !b) continue;
      const ra = parseRate(a.rate);
      const rb = parseRate(b.rate);
      // currency→through ÷ reporting→through = currency→reporting
      const ratio = { numerator: ra.numerator * rb.denominator, denominator: ra.denominator * rb.numerator };
      const date = a.date < b.date ? a.date : b.date;
      if (!best || date > best.applied.date) best = { ratio, applied: { currency, reporting, rateText: ratioText(ratio), date, via: 'cross', through } };
    }
    if (best) return best;
    throw new FxError('FX_RATE_MISSING', `no ${currency}→${reporting} exchange rate dated on or before ${day}; add one on the exchange rates page (/settings/fx)`);
  }
}

/**
 * amount (minor units of `from`) × ratio, in minor units of `to`, rounded half away from zero once.
 * Decimal places of both currencies are honoured (e.g. JPY has none).
 */
export function convertMinor(amount: bigint, from: string, to: string, ratio: Ratio): bigint {
  const shift = currencyDecimals(to) - currencyDecimals(from);
  let numerator = amount * ratio.numerator;
  let denominator = ratio.denominator;
  if (shift > 0) numerator *= 10n ** BigInt(shift);
  if (shift < 0) denominator *= 10n ** BigInt(-shift);
  const negative = numerator < 0n;
  const magnitude = ((negative ? -numerator : numerator) * 2n + denominator) / (2n * denominator);
  return negative ? -magnitude : magnitude;
}

/** The last day of a month 'YYYY-MM': the date whose closing rate converts that month's figures. */
export function monthEnd(month: string): IsoDay {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}
