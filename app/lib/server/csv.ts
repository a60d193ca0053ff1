/** One CSV field (RFC 4180). Text that a spreadsheet would run as a formula gets a leading quote. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows of fields as CSV text: CRLF line ends, a final CRLF. */
export function csvText(lines: readonly (readonly string[])[]): string {
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}
