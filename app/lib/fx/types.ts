/**
 * Dated exchange rates and conversions into one reporting currency. Converted figures always carry
 * the rate and its date, so a reader can redo the arithmetic.
 */

/** A calendar day 'YYYY-MM-DD'. */
export type IsoDay = string;

/** One published rate: 1 unit of `currency` = `rate` units of `quote`, on `date`. */
export interface FxRate {
  readonly date: IsoDay;
  readonly currency: string;
  readonly quote: string;
  /** Exact positive decimal text, e.g. '92.4567' (never a float). */
  readonly rate: string;
  /** Where the figure came from, e.g. 'Bank of Russia' or 'demo'. */
  readonly source: string;
}

/**
 * The rate a conversion used: direct (currency→quote as published), inverse (quote→currency
 * published, inverted) or cross through a third currency (two published rates).
 */
export interface AppliedRate {
  readonly currency: string;
  readonly reporting: string;
  /** Units of the reporting currency per unit of `currency`, as a decimal rounded to 6 places for display. */
  readonly rateText: string;
  /** Date of the rate (for a cross rate, the older of the two). */
  readonly date: IsoDay;
  readonly via: 'identity' | 'direct' | 'inverse' | 'cross';
  /** For a cross rate, the currency both rates are quoted in. */
  readonly through?: string;
  /** The month whose figures this rate converted (its closing rate), when it converted a month. */
  readonly month?: string;
}
