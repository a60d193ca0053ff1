/**
 * Exact rationals over bigint for rates and accruals. Fees are summed exactly and rounded once, so
 * no intermediate rounding can drift a total by a minor unit.
 */
import { EscalationError } from './errors.ts';
import type { Fraction } from './types.ts';

export const ZERO: Fraction = { numerator: 0n, denominator: 1n };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** A reduced fraction; throws BAD_FRACTION for a zero or negative denominator. */
export function fraction(numerator: bigint, denominator: bigint, field = 'fraction'): Fraction {
  if (denominator <= 0n) throw new EscalationError('BAD_FRACTION', field, `${field} has denominator ${denominator}; it must be positive`);
  const divisor = gcd(numerator, denominator) || 1n;
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

/** '0.0725' → 29/400. Exact: the decimal is read as digits, never through a float. */
export function fractionFromDecimal(decimal: string, field = 'rate'): Fraction {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!match) throw new EscalationError('BAD_FRACTION', field, `${field} "${decimal}" is not a plain decimal such as 0.21`);
  const digits = match[2] ?? '';
  return fraction(BigInt(match[1] + digits), 10n ** BigInt(digits.length), field);
}

export function add(a: Fraction, b: Fraction): Fraction {
  return fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

export function multiply(a: Fraction, b: Fraction): Fraction {
  return fraction(a.numerator * b.numerator, a.denominator * b.denominator);
}

export function scale(a: Fraction, by: bigint): Fraction {
  return fraction(a.numerator * by, a.denominator);
}

export function equals(a: Fraction, b: Fraction): boolean {
  return a.numerator * b.denominator === b.numerator * a.denominator;
}

/**
 * Rounds a non-negative fraction to an integer, half up (0.5 → 1): the "commercial" rounding
 * Russian courts, ERPNext (`flt` to currency precision) and most invoicing use for money.
 */
export function roundHalfUp(value: Fraction): bigint {
  if (value.numerator < 0n) throw new EscalationError('BAD_FRACTION', 'value', 'roundHalfUp is defined here for non-negative amounts only');
  return (2n * value.numerator + value.denominator) / (2n * value.denominator);
}

/** Rounds a non-negative fraction down; used for caps, so a capped fee never exceeds its cap. */
export function floor(value: Fraction): bigint {
  return value.numerator / value.denominator;
}

/** Decimal text with `places` digits, truncated (for display of exact accruals only): 1/3, 4 → "0.3333". */
export function toDecimalString(value: Fraction, places: number): string {
  const scaled = (value.numerator * 10n ** BigInt(places)) / value.denominator;
  if (places === 0) return scaled.toString();
  const digits = scaled.toString().padStart(places + 1, '0');
  return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}
