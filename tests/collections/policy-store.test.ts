/**
 * The stored, versioned escalation policy against a real workbench database, and the daily run
 * reading it against the receivables fixture warehouse (Europe/Moscow, as of 2026-03-31; see
 * ../receivables/fixture.ts): versions are append-only, a save on a stale version is refused,
 * the run uses the active version and every action carries it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCollections } from '../../app/lib/server/collections/daily-run.ts';
import { PolicyConflictError, PolicyInvalidError, RateInputError } from '../../app/lib/server/collections/policy-errors.ts';
import { listPolicyVersions, loadActivePolicy, savePolicyVersion } from '../../app/lib/server/collections/policy-store.ts';
import { addRate, loadRateTables } from '../../app/lib/server/collections/rate-store.ts';
import { CBR_KEY_RATE, computeInvoiceLateFee, defaultPolicy, fraction, type EscalationPolicy } from '../../app/lib/server/escalation/index.ts';
import { minorUnits } from '../../app/lib/money.ts';
import { approveAction, ensureCases } from '../../app/lib/server/workbench/index.ts';
import { openReceivablesFixture, type ReceivablesFixture } from '../receivables/fixture.ts';
import { createTestWorkbench, type TestWorkbench } from '../support/workbench-database.ts';

const AS_OF = '2026-03-31';
const TZ = 'Europe/Moscow';

/** Version 2 of the tests: the first step renamed to a new id and label, reminder 2 two days later. */
function editedPolicy(): EscalationPolicy {
  const base = defaultPolicy();
  return { ...base, steps: [{ ...base.steps[0]!, id: 'first-notice', label: 'First notice' }, { ...base.steps[1]!, minDaysPastDue: 12 }, ...base.steps.slice(2)] };
}

describe('policy store', () => {
  let t: TestWorkbench;
  let fx: ReceivablesFixture;
  beforeAll(async () => {
    [fx, t] = await Promise.all([openReceivablesFixture(), createTestWorkbench()]);
  });
  afterAll(async () => {
    await fx?.close();
    await t?.drop();
  });

  it('stores defaultPolicy() as version 1 and the built-in key rates on first use, once', async () => {
    const db = t.workbench.db;
    const active = await loadActivePolicy(db);
    expect(active).toMatchObject({ version: 1, savedBy: 'system:built-in', comment: 'The built-in default policy' });
    expect(active.policy).toEqual(defaultPolicy());
    expect(active.rateTables['cbr-key-rate']!.rates).toEqual(CBR_KEY_RATE.rates);
    // A second process (another pool) seeds nothing twice.
    const other = await t.session();
    expect((await loadActivePolicy(other.db)).version).toBe(1);
    expect(await db.selectFrom('escalation_policies').select('version').execute()).toEqual([{ version: 1 }]);
    const entries = await db.selectFrom('rate_table_entries').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(entries.n)).toBe(CBR_KEY_RATE.rates.length);
  });

  it('keeps versions append-only in the database itself', async () => {
    const db = t.workbench.db;
    await expect(sql`update workbench.escalation_policies set comment = 'rewritten'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from workbench.escalation_policies`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`update workbench.rate_table_entries set rate = 0.99`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('saves a new version on top of the active one and refuses a stale or invalid save', async () => {
    const db = t.workbench.db;
    const saved = await savePolicyVersion(db, { policy: editedPolicy(), baseVersion: 1, actor: 'anna@example.com', comment: 'Reminder 2 two days later' });
    expect(saved).toMatchObject({ version: 2, savedBy: 'anna@example.com', comment: 'Reminder 2 two days later' });
    expect(saved.policy).toEqual(editedPolicy());

    // Ben opened the editor on version 1 too: his save is refused with who/when/why, and writes nothing.
    const stale = savePolicyVersion(db, { policy: defaultPolicy(), baseVersion: 1, actor: 'ben@example.com', comment: 'mine' });
    await expect(stale).rejects.toBeInstanceOf(PolicyConflictError);
    await expect(stale).rejects.toMatchObject({ status: 409, currentVersion: 2, savedBy: 'anna@example.com', savedComment: 'Reminder 2 two days later' });
    await expect(stale).rejects.toThrow(/you edited version 1, the active version is now 2, saved by anna@example.com .*Nothing of yours was saved/);

    // Two editors saving on the same base at the same moment: exactly one wins.
    const [a, b] = await Promise.allSettled([
      savePolicyVersion(db, { policy: defaultPolicy(), baseVersion: 2, actor: 'anna@example.com', comment: 'back to default' }),
      savePolicyVersion(await (await t.session()).db, { policy: editedPolicy(), baseVersion: 2, actor: 'ben@example.com', comment: 'again' }),
    ]);
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
    const lost = [a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(PolicyConflictError);

    const invalid = { ...defaultPolicy(), steps: [{ ...defaultPolicy().steps[0]!, minDaysPastDue: 0 }] };
    await expect(savePolicyVersion(db, { policy: invalid, baseVersion: 3, actor: 'anna@example.com', comment: '' })).rejects.toMatchObject({
      code: 'POLICY_INVALID',
      problems: [expect.objectContaining({ field: 'steps[0].minDaysPastDue' })],
    } satisfies Partial<PolicyInvalidError>);
    expect((await db.selectFrom('escalation_policies').select('version').orderBy('version').execute()).map((r) => r.version)).toEqual([1, 2, 3]);

    const history = await listPolicyVersions(db);
    expect(history.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(history.find((v) => v.version === 2)!.changes).toEqual([
      'Removed step "Reminder 1" (day 1)',
      'Added step "First notice" (reminder, day 1)',
      'Step "Reminder 2": days past due 10 → 12',
    ]);
    expect(history.at(-1)!.changes).toEqual(['First version']);
  });

  it('runs the daily collections with the active version and records it on every action', async () => {
    const db = t.workbench.db;
    // Make the edited ladder active (version 4, on top of whichever won the race).
    const active = await loadActivePolicy(db);
    const v = await savePolicyVersion(db, { policy: editedPolicy(), baseVersion: active.version, actor: 'anna@example.com', comment: 'first notice' });
    await ensureCases(db, [{ customerId: 'c_rub2' }], { actor: 'test' });
    const counts = await runCollections({ config: { timezone: TZ }, warehouse: fx.warehouse, workbench: t.workbench }, { today: AS_OF, log: () => {} });
    expect(counts.policy_version).toBe(v.version);
    const actions = await db.selectFrom('collection_actions').selectAll().orderBy('id').execute();
    expect(actions.length).toBe(counts.proposals_recorded);
    expect(new Set(actions.map((a) => a.policy_version))).toEqual(new Set([v.version]));
    expect(new Set(actions.map((a) => a.step))).toEqual(new Set(['first-notice']));
    expect(actions.every((a) => (a.details as { policyVersion?: number }).policyVersion === v.version)).toBe(true);
    const proposedEvents = await db.selectFrom('case_events').select('payload').where('kind', '=', 'action_proposed').execute();
    expect(proposedEvents.every((e) => e.payload.policyVersion === v.version)).toBe(true);

    // The approval's outbox message names the version too.
    const approved = await approveAction(db, actions[0]!.id, 'anna@example.com');
    expect(approved.outbox!.payload).toMatchObject({ policyVersion: v.version, step: 'first-notice' });

    // A later version changes nothing already recorded.
    await savePolicyVersion(db, { policy: defaultPolicy(), baseVersion: v.version, actor: 'ben@example.com', comment: 'back' });
    const again = await db.selectFrom('collection_actions').select(['id', 'policy_version']).orderBy('id').execute();
    expect(again).toEqual(actions.map((a) => ({ id: a.id, policy_version: v.version })));
  });

  it('adds and corrects a dated key rate without a deploy; the late fee uses it', async () => {
    const db = t.workbench.db;
    await addRate(db, { tableId: 'cbr-key-rate', effectiveFrom: '2026-02-16', percent: '15', note: 'Board decision', actor: 'ben@example.com' });
    // A typo corrected: a later row for the same date wins, the first stays in the log.
    await addRate(db, { tableId: 'cbr-key-rate', effectiveFrom: '2026-02-16', percent: '15.5', note: 'correction', actor: 'ben@example.com' });
    const { registry, tables } = await loadRateTables(db);
    const table = registry['cbr-key-rate']!;
    expect(table.rates.at(-1)).toEqual({ from: '2026-02-16', rate: fraction(31n, 200n) });
    expect(table.rates.length).toBe(CBR_KEY_RATE.rates.length + 1);
    expect(tables[0]!.entries.slice(0, 2).map((e) => [e.effective_from, e.rate, e.note])).toEqual([
      ['2026-02-16', '0.15500000', 'correction'],
      ['2026-02-16', '0.15000000', 'Board decision'],
    ]);
    // 1/300 of the key rate on 300000 kopecks for 1 March (15.5 %): 300000 × 0.155 / 300 = 155.
    const rule = { kind: 'daily_key_rate_fraction' as const, fraction: fraction(1n, 300n), rateTableId: 'cbr-key-rate' };
    const fee = computeInvoiceLateFee(rule, { id: 'X', currency: 'RUB', dueDate: '2026-02-28', amountMinor: minorUnits(300_000n), balanceChanges: [], disputed: false }, '2026-03-01', { rateTables: registry });
    expect(fee.feeMinor).toBe(155n);

    await expect(addRate(db, { tableId: 'cbr-key-rate', effectiveFrom: '2026-02-30', percent: '15', actor: 'ben@example.com' })).rejects.toMatchObject({ field: 'effectiveFrom' } satisfies Partial<RateInputError>);
    await expect(addRate(db, { tableId: 'cbr-key-rate', effectiveFrom: '2026-03-01', percent: '15%', actor: 'ben@example.com' })).rejects.toMatchObject({ field: 'percent', status: 400 });
    await expect(addRate(db, { tableId: 'ecb-rate', effectiveFrom: '2026-03-01', percent: '4', actor: 'ben@example.com' })).rejects.toMatchObject({ field: 'tableId' });
  });
});
