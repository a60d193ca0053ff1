/**
 * Structured logs: one JSON object per line on stdout, `{at, level, event, …}`.
 * Every record passes through redact() first, so a secret or a customer's personal data put into a
 * log field by mistake comes out as "[redacted]" instead of landing in a log collector.
 */

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

export const REDACTED = '[redacted]';

/** Keys whose values are secrets: passwords, tokens, cookies, keys, hashes of any of them. */
const SECRET_KEY = /pass(word|wd)?|secret|token|authori[sz]ation|cookie|session|api[-_]?key|private[-_]?key|signature|credential|hash/i;
/** Keys whose values are personal data (the customer's or a user's). */
const PERSONAL_KEY = /e-?mail|phone|mobile|address|^name$|(customer|contact|full|display|first|last|user)[-_]?name|birth|passport|inn$|iban/i;

/** Patterns redacted inside any string value (error messages often quote the input). */
const VALUE_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[a-z]{2,}/gi, '[redacted-email]'],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]'],
  // Ledgerlens's own secrets: API tokens (llt_…), invite (i_…) and session tokens are long base64url.
  [/\bllt_[A-Za-z0-9_-]{8,}/g, '[redacted-token]'],
  [/\bi_[A-Za-z0-9_-]{20,}/g, '[redacted-token]'],
  [/\b(ledgerlens_session)=[^;\s]+/g, '$1=[redacted]'],
  // query strings carry filters that may hold a name or e-mail: keep the path only
  [/(\/[^\s?"']*)\?[^\s"']*/g, '$1?[redacted-query]'],
];

const MAX_DEPTH = 6;

export function isSensitiveKey(key: string): boolean {
  return SECRET_KEY.test(key) || PERSONAL_KEY.test(key);
}

function redactString(value: string): string {
  let out = value;
  for (const [pattern, replacement] of VALUE_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A copy of `value` fit for a log: sensitive keys' values replaced, strings scrubbed, bigints as text. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return { error: redactString(value.message), type: value.name };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSensitiveKey(k) && v !== null && v !== undefined ? REDACTED : redact(v, depth + 1);
  return out;
}

/** The one line a record becomes (exported for tests and for writers other than stdout). */
export function formatLogLine(level: LogLevel, event: string, fields: LogFields = {}): string {
  const record = { at: new Date().toISOString(), level, event, ...(redact(fields) as Record<string, unknown>) };
  return JSON.stringify(record) + '\n';
}

export type LogWriter = (line: string, level: LogLevel) => void;

// All on stdout, errors included: the bench and tests read `ready` / `startup_failed` from one stream.
const defaultWriter: LogWriter = (line) => process.stdout.write(line);

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export function createLogger(write: LogWriter = defaultWriter): Logger {
  const at = (level: LogLevel) => (event: string, fields?: LogFields) => write(formatLogLine(level, event, fields), level);
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

/** The process's logger. */
export const logger: Logger = createLogger();

/**
 * For callers that log `{event, …}` objects (pipelines' ServiceLog, the report scheduler): the
 * level is 'error' for events named *_failed / *.failed, else 'info'.
 */
export function logRecord(record: Readonly<Record<string, unknown>>, write: LogWriter = defaultWriter): void {
  const { event, at: _at, ...fields } = record;
  const name = String(event ?? 'log');
  const level: LogLevel = /(^|[._])failed$/.test(name) ? 'error' : 'info';
  write(formatLogLine(level, name, fields), level);
}
