import { describe, expect, it } from 'vitest';
import { runInLocale } from '$lib/i18n/server.ts';
import { scheduleFromForm, validateSchedule } from './schedules.ts';

const NOTEBOOK = `---
title: Revenue
params:
  currency: { type: choice, options: [RUB, USD], default: RUB }
  from: { type: month, default: current-12 }
---

\`\`\`sql name=revenue
select 1 as x
\`\`\`
`;

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  return data;
}

const read = (name: string) => (name === 'revenue' ? NOTEBOOK : null);

describe('the schedule form', () => {
  it('reads every field: params one a line, lists split on commas and spaces, the rule’s own time field', () => {
    const input = scheduleFromForm(
      form({
        name: ' Monthly revenue ',
        notebook: 'revenue',
        params: 'currency=USD\nfrom = current-3\n',
        rule: 'first_working_day',
        run_time: '08:30',
        cron: 'ignored',
        timezone: 'Europe/Moscow',
        holidays: '2027-01-01, 2027-01-04\n2027-01-05',
        formats: ['pdf', 'xlsx'],
        xlsx_blocks: 'revenue',
        email_to: 'a@example.test; b@example.test',
        folder: '/monthly/',
        enabled: 'on',
      }),
    );
    expect(input).toEqual({
      name: 'Monthly revenue',
      notebook: 'revenue',
      params: { currency: 'USD', from: 'current-3' },
      ruleKind: 'first_working_day',
      cron: null,
      runTime: '08:30',
      timezone: 'Europe/Moscow',
      holidays: ['2027-01-01', '2027-01-04', '2027-01-05'],
      formats: ['pdf', 'xlsx'],
      xlsxBlocks: ['revenue'],
      emailTo: ['a@example.test', 'b@example.test'],
      folder: 'monthly',
      enabled: true,
    });
    expect(validateSchedule(input, read, '2026-12-01')).toEqual({});
  });

  it('says what to fix, field by field', () => {
    const input = scheduleFromForm(form({ name: '', notebook: 'revenue', params: 'currency=GBP', rule: 'cron', cron: '0 9 * *', timezone: 'Europe/Moscow', formats: 'xlsx', folder: '' }));
    const errors = validateSchedule(input, read, '2026-12-01');
    expect(errors.name).toBe('give the schedule a name');
    expect(errors.params).toMatch(/"GBP" is not one of RUB, USD/);
    expect(errors.cron).toMatch(/not a five-field cron expression/);
    expect(errors.xlsxBlocks).toMatch(/name the sql blocks/);
    expect(errors.emailTo).toMatch(/send it somewhere/);
    expect(validateSchedule({ ...input, notebook: 'gone' }, read, '2026-12-01').notebook).toBe('there is no notebook named gone');
  });

  it('says it in the request\'s language (Russian), the parameter problem without the note about the default', () => {
    const input = scheduleFromForm(form({ name: '', notebook: 'revenue', params: 'currency=GBP', rule: 'cron', cron: '0 9 * *', timezone: 'Europe/Moscow', formats: 'xlsx', folder: '' }));
    const errors = runInLocale('ru', 'http://localhost', () => validateSchedule(input, read, '2026-12-01'));
    expect(errors.name).toBe('дайте расписанию название');
    expect(errors.params).toBe('currency: «GBP» — не из списка RUB, USD');
    expect(errors.cron).toMatch(/не выражение cron из пяти полей/);
    expect(errors.emailTo).toMatch(/укажите, куда отправлять/);
  });
});
