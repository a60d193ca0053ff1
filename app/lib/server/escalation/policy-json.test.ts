import { describe, expect, it } from 'vitest';
import { minorUnits } from '../../money.ts';
import { defaultPolicy } from './default-policy.ts';
import { describeLateFee } from './describe-policy.ts';
import { BUILT_IN_RATE_TABLES } from './key-rates.ts';
import { fraction } from './fraction.ts';
import { policyDiff } from './policy-diff.ts';
import { fractionFromText, policyFromJson, policyToJson } from './policy-json.ts';
import type { EscalationPolicy } from './types.ts';
import { policyProblems, validatePolicy } from './validate-policy.ts';

/** Пеня 1/300 of the key rate, 5 grace days counted back, capped at 10 % and at 1000.00 RUB. */
const PENYA: EscalationPolicy = defaultPolicy({
  lateFee: {
    kind: 'daily_key_rate_fraction', fraction: fraction(1n, 300n), rateTableId: 'cbr-key-rate', rateOn: 'as_of',
    graceDays: 5, graceCounting: 'from_due_date', cap: { fractionOfPrincipal: fraction(1n, 10n), absolute: { RUB: minorUnits(100_000n) } },
  },
});

describe('policy JSON', () => {
  it('round-trips every shape exactly (fractions as "1/300", minor units as strings)', () => {
    for (const policy of [defaultPolicy(), PENYA, defaultPolicy({ lateFee: { kind: 'fixed_per_reminder', amount: { USD: minorUnits(500n), JPY: minorUnits(700n) } } })]) {
      const json = policyToJson(policy);
      // Through text, as jsonb does: nothing bigint, nothing lost.
      const back = policyFromJson(JSON.parse(JSON.stringify(json)));
      expect(back).toEqual(policy);
    }
    const json = policyToJson(PENYA) as { lateFee: Record<string, unknown>; steps: { minOverdueMinor: unknown }[] };
    expect(json.lateFee).toMatchObject({ fraction: '1/300', cap: { fractionOfPrincipal: '1/10', absolute: { RUB: '100000' } } });
    expect(json.steps[4]!.minOverdueMinor).toMatchObject({ RUB: '5000000', USD: '50000' });
  });

  it('names the field of a stored policy that does not read', () => {
    const good = () => JSON.parse(JSON.stringify(policyToJson(PENYA)));
    const withBad = (edit: (p: any) => void) => {
      const p = good();
      edit(p);
      return () => policyFromJson(p);
    };
    expect(withBad((p) => (p.format = 2))).toThrowError(expect.objectContaining({ code: 'BAD_POLICY', field: 'format' }));
    expect(withBad((p) => (p.steps[1].minDaysPastDue = '10'))).toThrowError(expect.objectContaining({ field: 'steps[1].minDaysPastDue' }));
    expect(withBad((p) => (p.steps[4].minOverdueMinor.USD = 500))).toThrowError(expect.objectContaining({ field: 'steps[4].minOverdueMinor.USD' }));
    expect(withBad((p) => (p.steps[0].kind = 'sms_blast'))).toThrowError(expect.objectContaining({ field: 'steps[0].kind' }));
    expect(withBad((p) => (p.lateFee.fraction = '0.0033'))).toThrowError(expect.objectContaining({ field: 'lateFee.fraction' }));
    expect(withBad((p) => (p.lateFee.cap.fractionOfPrincipal = '1/0'))).toThrowError(expect.objectContaining({ field: 'lateFee.cap.fractionOfPrincipal' }));
    expect(withBad((p) => delete p.exceptions.pauseOnPromise)).toThrowError(expect.objectContaining({ field: 'exceptions.pauseOnPromise' }));
    expect(fractionFromText('2/600', 'x')).toEqual({ numerator: 1n, denominator: 300n });
  });
});

describe('policy validation', () => {
  it('lists every problem with its field, and validatePolicy throws the first', () => {
    const base = defaultPolicy();
    const broken: EscalationPolicy = {
      ...base,
      steps: [
        { ...base.steps[0]!, minDaysPastDue: 0 },
        { ...base.steps[1]!, id: 'reminder-1', label: ' ' },
        { ...base.steps[2]!, scope: 'case' },
        { ...base.steps[3]!, segments: [] },
      ],
      exceptions: { ...base.exceptions, promiseGraceDays: -1 },
      lateFee: { kind: 'daily_key_rate_fraction', fraction: fraction(1n, 300n), rateTableId: 'ecb-rate' },
    };
    const problems = policyProblems(broken, BUILT_IN_RATE_TABLES);
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['steps[0].minDaysPastDue', 'BAD_POLICY'],
      ['steps[1].id', 'BAD_POLICY'],
      ['steps[1].label', 'BAD_POLICY'],
      ['steps[2].scope', 'BAD_POLICY'],
      ['steps[3].segments', 'BAD_POLICY'],
      ['exceptions.promiseGraceDays', 'BAD_POLICY'],
      ['lateFee.rateTableId', 'RATE_TABLE_UNKNOWN'],
    ]);
    expect(problems[1]!.message).toContain('"reminder-1" is used twice');
    expect(problems[6]!.message).toContain('known tables: cbr-key-rate');
    expect(() => validatePolicy(broken)).toThrowError(expect.objectContaining({ field: 'steps[0].minDaysPastDue' }));
    expect(policyProblems(defaultPolicy())).toEqual([]);
  });
});

describe('policy in words and its changes', () => {
  it('describes the late-fee shapes a manager picks from', () => {
    expect(describeLateFee(defaultPolicy().lateFee)).toBe('Annual rate pro rata: 12 % a year, divided by 365 per overdue day, on the overdue amount. No grace days. No cap. Rounded once per invoice, half up.');
    expect(describeLateFee(PENYA.lateFee, BUILT_IN_RATE_TABLES)).toBe(
      'Daily key-rate fraction: 1/300 of the Bank of Russia key rate per day on the overdue amount (the rate in force on the day of calculation, for every day). ' +
        'Grace: 5 days past due without a fee; after that the fee counts back to the due date. Cap per invoice: 10 % of the invoice or 1000.00 RUB, whichever is lower. Rounded once per invoice, half up.',
    );
    expect(describeLateFee(null)).toBe('No late fee.');
  });

  it('summarises what changed between two versions', () => {
    const before = defaultPolicy();
    const after: EscalationPolicy = {
      ...before,
      steps: [before.steps[0]!, { ...before.steps[1]!, minDaysPastDue: 12 }, before.steps[2]!, { ...before.steps[4]!, minOverdueMinor: { USD: minorUnits(100_000n) } }],
      exceptions: { ...before.exceptions, approvalSegments: ['enterprise', 'public'] },
    };
    expect(policyDiff(before, after)).toEqual([
      'Removed step "Service suspension" (day 30)',
      'Step "Reminder 2": days past due 10 → 12',
      'Step "Hand-off to collection agency": minimum amount 500.00 EUR, 500.00 GBP, 50000 JPY, 50000.00 RUB, 500.00 USD → 1000.00 USD',
      'Segments whose every action needs approval: enterprise → enterprise, public',
    ]);
    expect(policyDiff(before, defaultPolicy())).toEqual([]);
  });
});
