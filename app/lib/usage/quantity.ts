/**
 * Exact arithmetic on usage quantities (numeric(18,3) in the contract): decimal strings as bigint
 * thousandths, so totals and comparisons lose nothing before display.
 */

export type Thousandths = bigint & { readonly __brand: 'Thousandths' };

const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,3}))?$/;

export function toThousandths(quantity: string): Thousandths {
  const m = DECIMAL.exec(quantity.trim());
  if (!m) throw new Error(`${JSON.stringify(quantity)} is not a decimal with at most three places`);
  const value = BigInt(m[2]!) * 1000n + BigInt((m[3] ?? '').padEnd(3, '0'));
  return (m[1] ? -value : value) as Thousandths;
}

export function fromThousandths(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 1000n}.${String(abs % 1000n).padStart(3, '0')}`;
}

export function sumQuantities(quantities: readonly string[]): string {
  return fromThousandths(quantities.reduce((s, q) => s + toThousandths(q), 0n));
}

/** (current − previous) / previous as a fraction; null when previous is zero. */
export function quantityChange(current: string, previous: string): number | null {
  const p = toThousandths(previous);
  if (p === 0n) return null;
  return Number(((toThousandths(current) - p) * 1_000_000n) / (p < 0n ? -p : p)) / 1_000_000;
}

/** part / whole as a fraction; null when whole is zero. */
export function quantityShare(part: string, whole: string): number | null {
  const w = toThousandths(whole);
  if (w === 0n) return null;
  return Number((toThousandths(part) * 1_000_000n) / w) / 1_000_000;
}
