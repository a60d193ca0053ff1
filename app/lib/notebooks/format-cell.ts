const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

/** A column type that reads as a number (right-aligned, digits grouped). */
export function isNumericType(type: string): boolean {
  return NUMERIC.test(type);
}

/**
 * A result value for a table cell. Numbers arrive as JSON numbers or, when exact (DECIMAL, big
 * integers), as decimal strings: digits are grouped on the string itself, never through a float.
 */
export function formatCell(value: unknown, type: string): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  if (!isNumericType(type)) return text;
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!m) return text;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}
