/**
 * JSON for API responses. Money and counts are bigint in the app; JSON has no bigint, and numbers
 * would silently round above 2^53, so every bigint is written as a decimal string ("12345").
 */
export function stringifyJson(value: unknown, space?: number): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), space);
}
