/**
 * Retention bonuses on a real workbench: proposals from the latest scores respect exclusions and
 * the budget and are made once per run; approving writes one outbox entry, a second decision is
 * refused; outcomes are read from the warehouse's service ends once the window has passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bonusPage, BonusDecisionError, decideBonus, proposeRetentionBonuses, recordBonusOutcomes, saveBonusPolicy } from '../../app/lib/server/churn/bonuses.ts';
import { scoreChurn } from '../../app/lib/server/churn/score-run.ts';
import { DEFAULT_BONUS_POLICY } from '../../app/lib/churn/bonus-policy.ts';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { createTestWorkbench, type TestWorkbench } from '../support/workbench-database.ts';
import { tempDataDir } from '../support/warehouse.ts';
import { generatedChurnWarehouse } from './generated-churn-warehouse.ts';

describe('retention bonuses', () => {
  const tmp = tempDataDir('ledgerlens-churn-bonus-');
  let w: Warehouse;
  let wb: TestWorkbench;
  beforeAll(async () => {
    w = await generatedChurnWarehouse(tmp.dir, 'S');
    wb = await createTestWorkbench();
    await scoreChurn({ warehouse: w, workbench: wb.workbench.db, dataDir: tmp.dir });
  });
  afterAll(async () => {
    w.close();
    await wb.drop();
    tmp.remove();
  });

  it('proposes within budget, holds some out, approves into the outbox once, and reads outcomes', async () => {
    const db = wb.workbench.db;
    await saveBonusPolicy(db, { ...DEFAULT_BONUS_POLICY, monthlyBudgetMinor: { RUB: '3000000', USD: '50000', EUR: '50000' } }, 'test');
    const first = await proposeRetentionBonuses(db, '2026-11-20');
    expect(first.offers).toBeGreaterThan(5);
    expect(first.holdouts).toBeGreaterThan(0);
    const again = await proposeRetentionBonuses(db, '2026-11-20');
    expect(again).toMatchObject({ offers: 0, holdouts: 0 }); // cooldown and one per run

    const bonuses = await db.selectFrom('retention_bonuses').selectAll().execute();
    const scores = new Map((await db.selectFrom('churn_scores').select(['customer_id', 'features', 'band']).execute()).map((s) => [s.customer_id, s]));
    for (const b of bonuses) {
      const s = scores.get(b.customer_id)!;
      expect(s.band).not.toBe('low');
      expect(Number((s.features as Record<string, number>).days_past_due)).toBe(0); // nobody in collections
    }
    const page = await bonusPage(db, '2026-11-20');
    const rub = page.budget.find((b) => b.currency === 'RUB')!;
    expect(BigInt(rub.usedMinor)).toBeLessThanOrEqual(3000000n);
    expect(BigInt(rub.usedMinor)).toBe(bonuses.filter((b) => b.currency === 'RUB' && b.arm === 'offer').reduce((s, b) => s + b.amount_minor, 0n));

    const [one, two] = page.proposals;
    await decideBonus(db, BigInt(one.id), 'approve', 'Анна', null);
    await decideBonus(db, BigInt(two.id), 'reject', 'Анна', 'already on a discount');
    await expect(decideBonus(db, BigInt(one.id), 'reject', 'Анна', null)).rejects.toMatchObject({ code: 'BONUS_ALREADY_DECIDED', status: 409 });
    await expect(decideBonus(db, 999999n, 'approve', 'Анна', null)).rejects.toBeInstanceOf(BonusDecisionError);
    const outbox = await db.selectFrom('retention_bonus_outbox').selectAll().execute();
    expect(outbox.length).toBe(1);
    expect(outbox[0].payload).toMatchObject({ kind: 'retention_credit', customerId: one.customerId, amountMinor: one.amountMinor, currency: one.currency, idempotencyKey: `retention-bonus-${one.id}` });

    // A rejection frees its budget for the next proposals.
    const after = await bonusPage(db, '2026-11-20');
    expect(BigInt(after.budget.find((b) => b.currency === 'RUB')!.usedMinor)).toBe(BigInt(rub.usedMinor) - (two.currency === 'RUB' ? BigInt(two.amountMinor) : 0n));

    // Outcomes: windows end 90 days later; before that nothing is read.
    expect(await recordBonusOutcomes(w, db, '2026-12-01')).toBe(0);
    const read = await recordBonusOutcomes(w, db, '2027-03-01');
    expect(read).toBe(bonuses.length - (page.proposals.length - 2)); // still-proposed ones wait for a decision
    const decided = await bonusPage(db, '2027-03-01');
    expect(decided.uplift.holdout.stayed + decided.uplift.holdout.churned).toBe(first.holdouts);
  });
});
