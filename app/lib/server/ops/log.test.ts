import { describe, expect, it } from 'vitest';
import { createLogger, formatLogLine, logRecord, redact, REDACTED, type LogLevel } from './log.ts';

/** What a logger writes, parsed back: the test reads the lines a log collector would receive. */
function capture(): { lines: () => Record<string, unknown>[]; raw: () => string; write: (line: string, level: LogLevel) => void } {
  const out: string[] = [];
  return { write: (line) => out.push(line), raw: () => out.join(''), lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('structured logs', () => {
  it('writes one JSON object per line with time, level and event', () => {
    const sink = capture();
    createLogger(sink.write).warn('sync.slow', { ms: 1234, table: 'invoices' });
    expect(sink.raw().endsWith('\n')).toBe(true);
    expect(sink.raw().trimEnd().split('\n')).toHaveLength(1);
    const [line] = sink.lines();
    expect(line).toMatchObject({ level: 'warn', event: 'sync.slow', ms: 1234, table: 'invoices' });
    expect(new Date(String(line!.at)).toISOString()).toBe(line!.at);
  });

  it('never writes secrets or personal data, at any depth', () => {
    const sink = capture();
    const secrets = {
      password: 'hunter2-correct-horse', newPassword: 'tr0ub4dor&3', token: 'llt_abcdefghijklmnop', apiKey: 'k-123456',
      authorization: 'Bearer llt_zzzzzzzzzzzzzzzz', cookie: 'ledgerlens_session=s3cr3tvalue', password_hash: '$argon2id$v=19$m=19456',
      secret: 'webhook-signing-secret', session: 'sess-abc',
    };
    const personal = { email: 'ivan.petrov@example.ru', phone: '+7 916 123-45-67', customer_name: 'ООО «Ромашка»', contactName: 'Ivan Petrov', name: 'Ivan Petrov', address: 'Moscow, Tverskaya 1' };
    createLogger(sink.write).info('test.redaction', { ...secrets, nested: { deeper: [{ ...personal }] }, rows: 3, table: 'customers' });
    const raw = sink.raw();
    for (const value of [...Object.values(secrets), ...Object.values(personal)]) expect(raw).not.toContain(value);
    expect(raw).not.toContain('s3cr3tvalue');
    const [line] = sink.lines();
    expect(line).toMatchObject({ password: REDACTED, token: REDACTED, authorization: REDACTED, cookie: REDACTED, secret: REDACTED, rows: 3, table: 'customers' });
    expect((line!.nested as { deeper: Record<string, unknown>[] }).deeper[0]).toEqual(Object.fromEntries(Object.keys(personal).map((k) => [k, REDACTED])));
  });

  it('scrubs e-mails, bearer tokens, session cookies and query strings inside free text such as error messages', () => {
    const line = JSON.parse(formatLogLine('error', 'sync.failed', {
      error: 'duplicate key for ivan.petrov@example.ru; header Bearer llt_0123456789abcdef; Cookie: ledgerlens_session=abcdef123456',
      route: '/api/v1/receivables/aging',
      detail: 'GET /collections?customer=Ivan%20Petrov&email=ivan%40example.ru failed',
    })) as Record<string, string>;
    expect(line.error).toBe('duplicate key for [redacted-email]; header Bearer [redacted]; Cookie: ledgerlens_session=[redacted]');
    expect(line.route).toBe('/api/v1/receivables/aging');
    expect(line.detail).toBe('GET /collections?[redacted-query] failed');
  });

  it('keeps what operations need: numbers, booleans, ids, bigints as text, dates as ISO, errors as message and type', () => {
    expect(redact({ runId: 7, ok: true, caseId: 12n, at: new Date('2026-11-20T09:30:00Z'), err: new TypeError('boom for a@b.co'), empty: null })).toEqual({
      runId: 7, ok: true, caseId: '12', at: '2026-11-20T09:30:00.000Z', err: { error: 'boom for [redacted-email]', type: 'TypeError' }, empty: null,
    });
  });

  it('logRecord keeps the event name and marks *_failed events as errors (the pipelines log this way)', () => {
    const sink = capture();
    logRecord({ event: 'startup_failed', at: 'ignored', error: 'no database for x@y.org' }, sink.write);
    logRecord({ event: 'workbench.ready', embedded: true }, sink.write);
    const [failed, ready] = sink.lines();
    expect(failed).toMatchObject({ level: 'error', event: 'startup_failed', error: 'no database for [redacted-email]' });
    expect(failed!.at).not.toBe('ignored');
    expect(ready).toMatchObject({ level: 'info', event: 'workbench.ready', embedded: true });
  });
});
