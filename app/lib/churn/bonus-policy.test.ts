import { describe, expect, it } from 'vitest';
import { bonusAmount, DEFAULT_BONUS_POLICY, proposeBonuses, stableUniform, validateBonusPolicy, type BonusCandidate, type BonusHistoryEntry, type BonusPolicy } from './bonus-policy.ts';
import { seededRandom } from '../../../models/churn/random.ts';

const POLICY: BonusPolicy = { ...DEFAULT_BONUS_POLICY, monthlyBudgetMinor: { RUB: '2000000', USD: '30000' }, cooldownDays: 45, holdoutShare: 0.2, minTenureMonths: 0 };

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('retention bonus policy', () => {
  it('respects the monthly budget and the cooldown on every day of 200 days', () => {
    const rnd = seededRandom(3);
    const customers = Array.from({ length: 400 }, (_, i) => ({
      customerId: `c${i}`, currency: i % 10 === 0 ? 'USD' : 'RUB', segment: i % 7 === 0 ? 'smb' : 'consumer',
      mrrMinor: BigInt(Math.round((i % 10 === 0 ? 3000 : 50_000) * (0.3 + rnd() * 3))),
    }));
    const history: (BonusHistoryEntry & { id: number })[] = [];
    let day = '2026-01-01';
    let offers = 0;
    let holdouts = 0;
    for (let d = 0; d < 200; d++, day = addDays(day, 1)) {
      // New scores each week; some customers are in collections on some days.
      const runId = Math.floor(d / 7);
      const scoreRnd = seededRandom(1000 + runId);
      const candidates: BonusCandidate[] = customers.map((c) => {
        const p = scoreRnd() ** 2;
        return { ...c, probability: p, band: p > 0.5 ? 'high' : p > 0.25 ? 'medium' : 'low', tenureMonths: 12, inCollections: rnd() < 0.1 };
      });
      const decisions = proposeBonuses(POLICY, candidates, history, day, `run-${runId}`);
      expect(new Set(decisions.map((x) => x.customerId)).size).toBe(decisions.length);
      for (const x of decisions) {
        const c = candidates.find((k) => k.customerId === x.customerId)!;
        expect(c.inCollections).toBe(false);
        expect(c.band).not.toBe('low');
        history.push({ id: history.length, customerId: x.customerId, proposedOn: day, arm: x.arm, status: x.arm === 'holdout' ? 'holdout' : 'proposed', amountMinor: x.amountMinor, currency: x.currency });
        if (x.arm === 'offer') offers++; else holdouts++;
      }
      // Staff decide some of the pending proposals each day: about a third rejected (which frees budget).
      for (const h of history) if (h.status === 'proposed' && rnd() < 0.5) (h as { status: string }).status = rnd() < 0.33 ? 'rejected' : 'approved';

      // Budget: offers not rejected, per currency and calendar month, never above the budget.
      const month = day.slice(0, 7);
      for (const currency of ['RUB', 'USD']) {
        const used = history.filter((h) => h.arm === 'offer' && h.status !== 'rejected' && h.currency === currency && h.proposedOn.startsWith(month)).reduce((s, h) => s + h.amountMinor, 0n);
        expect(used).toBeLessThanOrEqual(BigInt(POLICY.monthlyBudgetMinor[currency]));
      }
      // Cooldown: no customer has two bonuses (offer or holdout, rejected aside) less than 45 days apart.
      const byCustomer = new Map<string, string[]>();
      for (const h of history) if (h.status !== 'rejected') byCustomer.set(h.customerId, [...(byCustomer.get(h.customerId) ?? []), h.proposedOn]);
      for (const days of byCustomer.values()) {
        for (let i = 1; i < days.length; i++) expect((Date.parse(days[i]) - Date.parse(days[i - 1])) / 86_400_000).toBeGreaterThanOrEqual(45);
      }
    }
    // The scenario exercises the rules: budgets bind, repeats happen after cooldown, a holdout exists.
    expect(offers).toBeGreaterThan(100);
    expect(holdouts / (offers + holdouts)).toBeGreaterThan(0.12);
    expect(holdouts / (offers + holdouts)).toBeLessThan(0.28);
    const repeats = [...new Set(history.map((h) => h.customerId))].filter((c) => history.filter((h) => h.customerId === c && h.status !== 'rejected').length > 1);
    expect(repeats.length).toBeGreaterThan(0);
    const januaryRub = history.filter((h) => h.arm === 'offer' && h.status !== 'rejected' && h.currency === 'RUB' && h.proposedOn.startsWith('2026-01')).reduce((s, h) => s + h.amountMinor, 0n);
    expect(januaryRub).toBeGreaterThan(BigInt(POLICY.monthlyBudgetMinor.RUB) * 9n / 10n); // the budget was the limit
  });

  it('pays a share of one month of MRR by band and value tier, rounded half up', () => {
    expect(bonusAmount(12345n, 5000)).toBe(6173n); // 6172.5 → 6173
    const candidates: BonusCandidate[] = [
      { customerId: 'rich', probability: 0.9, band: 'high', mrrMinor: 100_000n, currency: 'RUB', segment: 'smb', tenureMonths: 24, inCollections: false },
      ...Array.from({ length: 9 }, (_, i): BonusCandidate => ({ customerId: `p${i}`, probability: 0.1, band: 'low', mrrMinor: 1_000n, currency: 'RUB', segment: 'consumer', tenureMonths: 24, inCollections: false })),
    ];
    const [d] = proposeBonuses({ ...POLICY, holdoutShare: 0 }, candidates, [], '2026-03-10', 'r');
    expect(d).toMatchObject({ customerId: 'rich', tier: 'top', amountMinor: 30_000n, arm: 'offer' }); // 30 % of a month
  });

  it('caps a single bonus per currency', () => {
    const big: BonusCandidate = { customerId: 'big', probability: 0.9, band: 'high', mrrMinor: 10_000_000n, currency: 'RUB', segment: 'enterprise', tenureMonths: 24, inCollections: false };
    const [d] = proposeBonuses({ ...POLICY, holdoutShare: 0, maxBonusMinor: { RUB: '500000' } }, [big], [], '2026-03-10', 'r');
    expect(d.amountMinor).toBe(500_000n); // 30 % of a month would be 3,000,000
  });

  it('offers nothing in a currency without a budget, to new customers, or to excluded segments', () => {
    const base: BonusCandidate = { customerId: 'x', probability: 0.9, band: 'high', mrrMinor: 100_000n, currency: 'EUR', segment: 'smb', tenureMonths: 24, inCollections: false };
    expect(proposeBonuses(POLICY, [base], [], '2026-03-10', 'r')).toEqual([]);
    expect(proposeBonuses({ ...POLICY, minTenureMonths: 6 }, [{ ...base, currency: 'RUB', tenureMonths: 2 }], [], '2026-03-10', 'r')).toEqual([]);
    expect(proposeBonuses({ ...POLICY, excludeSegments: ['smb'] }, [{ ...base, currency: 'RUB' }], [], '2026-03-10', 'r')).toEqual([]);
  });

  it('draws the holdout reproducibly and near its share', () => {
    expect(stableUniform('run-1:c1')).toBe(stableUniform('run-1:c1'));
    const draws = Array.from({ length: 10_000 }, (_, i) => stableUniform(`7:cus_${i}`));
    expect(draws.filter((u) => u < 0.2).length / 10_000).toBeCloseTo(0.2, 1);
  });

  it('rejects a policy a user could not have meant', () => {
    expect(() => validateBonusPolicy({ ...POLICY, holdoutShare: 0.9 })).toThrow(/holdout share/);
    expect(() => validateBonusPolicy({ ...POLICY, monthlyBudgetMinor: { rub: '100' } })).toThrow(/ISO currency/);
    expect(() => validateBonusPolicy(POLICY)).not.toThrow();
  });
});
