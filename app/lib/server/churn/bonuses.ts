/**
 * Retention bonuses on the workbench: proposals from the latest churn scores (after each sync),
 * staff decisions with the outbox for approved credits, outcomes once the observation window has
 * passed, and the figures of /retention/bonuses. The rules themselves are in
 * app/lib/churn/bonus-policy.ts; uplift in app/lib/churn/uplift.ts.
 */
import { sql } from 'kysely';
import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import { DEFAULT_BONUS_POLICY, proposeBonuses, validateBonusPolicy, type BonusCandidate, type BonusPolicy } from '../../churn/bonus-policy.ts';
import { measureUplift, type Uplift } from '../../churn/uplift.ts';
import { addDays } from '../escalation/dates.ts';
import type { WorkbenchDb } from '../workbench/database.ts';
import type { JsonObject } from '../workbench/schema.ts';

export class BonusDecisionError extends Error {
  constructor(readonly code: 'BONUS_NOT_FOUND' | 'BONUS_ALREADY_DECIDED' | 'BONUS_BAD_INPUT', readonly status: 400 | 404 | 409, message: string) {
    super(message);
    this.name = 'BonusDecisionError';
  }
}

export async function currentBonusPolicy(db: WorkbenchDb): Promise<BonusPolicy> {
  const row = await db.selectFrom('retention_bonus_settings').select('policy').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? { ...DEFAULT_BONUS_POLICY, ...(row.policy as unknown as Partial<BonusPolicy>) } : DEFAULT_BONUS_POLICY;
}

export async function saveBonusPolicy(db: WorkbenchDb, policy: BonusPolicy, by: string): Promise<void> {
  validateBonusPolicy(policy);
  await db.insertInto('retention_bonus_settings').values({ policy: JSON.stringify(policy) as never, changed_by: by }).execute();
}

export interface ProposalRunResult {
  readonly runId: bigint | null;
  readonly offers: number;
  readonly holdouts: number;
}

/** Proposes today's bonuses from the latest scoring run; safe to call after every sync (idempotent per run and customer). */
export async function proposeRetentionBonuses(db: WorkbenchDb, today: string): Promise<ProposalRunResult> {
  const run = await db.selectFrom('churn_score_runs').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!run) return { runId: null, offers: 0, holdouts: 0 };
  const policy = await currentBonusPolicy(db);
  return db.transaction().execute(async (trx) => {
    // One proposer at a time: the budget is read and spent in the same transaction.
    await sql`lock table workbench.retention_bonuses in share row exclusive mode`.execute(trx);
    const scores = await trx.selectFrom('churn_scores').select(['customer_id', 'probability', 'band', 'mrr_minor', 'currency', 'segment', 'features'])
      .where('run_id', '=', run.id).where('band', '<>', 'low').execute();
    const openCases = new Set((await trx.selectFrom('cases').select('customer_id').where('status', '=', 'open').execute()).map((c) => c.customer_id));
    const candidates: BonusCandidate[] = scores.map((s) => ({
      customerId: s.customer_id, probability: s.probability, band: s.band, mrrMinor: s.mrr_minor, currency: s.currency, segment: s.segment,
      tenureMonths: Number((s.features as JsonObject).tenure_months ?? 0),
      // In collections: an open case, or overdue at the scoring cut-off (the queue's population, before its cases exist).
      inCollections: openCases.has(s.customer_id) || Number((s.features as JsonObject).days_past_due ?? 0) > 0,
    }));
    const since = addDays(today, -Math.max(policy.cooldownDays, 31));
    const history = (await trx.selectFrom('retention_bonuses').select(['customer_id', 'proposed_on', 'arm', 'status', 'amount_minor', 'currency'])
      .where('proposed_on', '>=', since).execute())
      .map((h) => ({ customerId: h.customer_id, proposedOn: String(h.proposed_on).slice(0, 10), arm: h.arm, status: h.status, amountMinor: h.amount_minor, currency: h.currency }));
    const decisions = proposeBonuses(policy, candidates, history, today, String(run.id));
    const observeUntil = addDays(today, policy.observationDays);
    for (let at = 0; at < decisions.length; at += 500) {
      await trx.insertInto('retention_bonuses').values(decisions.slice(at, at + 500).map((d) => ({
        customer_id: d.customerId, run_id: run.id, proposed_on: today, arm: d.arm, status: d.arm === 'holdout' ? 'holdout' as const : 'proposed' as const,
        band: d.band, probability: d.probability, value_tier: d.tier, amount_minor: d.amountMinor, currency: d.currency, mrr_minor: d.mrrMinor, observe_until: observeUntil,
      }))).onConflict((oc) => oc.columns(['customer_id', 'run_id']).doNothing()).execute();
    }
    return { runId: run.id, offers: decisions.filter((d) => d.arm === 'offer').length, holdouts: decisions.filter((d) => d.arm === 'holdout').length };
  });
}

/**
 * Approves or rejects a proposed bonus. Approval writes the credit to the retention outbox in the
 * same transaction (idempotency key `retention-bonus-<id>`). A bonus is decided once.
 */
export async function decideBonus(db: WorkbenchDb, id: bigint, decision: 'approve' | 'reject', by: string, note: string | null): Promise<void> {
  if (by.trim() === '') throw new BonusDecisionError('BONUS_BAD_INPUT', 400, 'Say who decides');
  if (note !== null && note.length > 500) throw new BonusDecisionError('BONUS_BAD_INPUT', 400, 'The note is longer than 500 characters');
  await db.transaction().execute(async (trx) => {
    const bonus = await trx.selectFrom('retention_bonuses').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!bonus) throw new BonusDecisionError('BONUS_NOT_FOUND', 404, `There is no retention bonus ${id}`);
    if (bonus.status !== 'proposed') throw new BonusDecisionError('BONUS_ALREADY_DECIDED', 409, `Bonus ${id} is already ${bonus.status}; reload the page`);
    const status = decision === 'approve' ? 'approved' as const : 'rejected' as const;
    const decided = await trx.updateTable('retention_bonuses').set({ status, decided_by: by, decided_at: sql<Date>`now()`, decision_note: note })
      .where('id', '=', id).returning(['decided_at']).executeTakeFirstOrThrow();
    if (decision === 'approve') {
      const payload: JsonObject = {
        kind: 'retention_credit', bonusId: String(id), customerId: bonus.customer_id, amountMinor: bonus.amount_minor.toString(), currency: bonus.currency,
        idempotencyKey: `retention-bonus-${id}`, reason: `retention bonus: churn risk ${bonus.band}`, approvedBy: by, approvedAt: decided.decided_at!.toISOString(),
      };
      await trx.insertInto('retention_bonus_outbox').values({ bonus_id: id, payload: JSON.stringify(payload) as never }).execute();
    }
  });
}

/** Reads the outcome (stayed or churned) of every bonus whose observation window has ended by `today`. */
export async function recordBonusOutcomes(warehouse: Warehouse, db: WorkbenchDb, today: string): Promise<number> {
  const due = await db.selectFrom('retention_bonuses').select(['id', 'customer_id', 'proposed_on', 'observe_until'])
    .where('outcome', 'is', null).where('observe_until', '<=', today).where('status', '<>', 'proposed').execute();
  if (due.length === 0) return 0;
  const since = due.reduce((m, d) => (String(d.proposed_on) < m ? String(d.proposed_on) : m), String(due[0].proposed_on)).slice(0, 10);
  const ends = await warehouse.query<{ customer_id: string; service_ended_at: Date | string }>(sqlQuery('churn_service_ends_since'), [`${since}T00:00:00Z`]);
  const byCustomer = new Map<string, string[]>();
  for (const e of ends) byCustomer.set(e.customer_id, [...(byCustomer.get(e.customer_id) ?? []), new Date(e.service_ended_at as string).toISOString().slice(0, 10)]);
  for (const d of due) {
    const from = String(d.proposed_on).slice(0, 10);
    const to = String(d.observe_until).slice(0, 10);
    const churned = (byCustomer.get(d.customer_id) ?? []).some((day) => day > from && day <= to);
    await db.updateTable('retention_bonuses').set({ outcome: churned ? 'churned' : 'stayed', outcome_at: sql<Date>`now()` }).where('id', '=', d.id).execute();
  }
  return due.length;
}

export interface BonusPageData {
  readonly policy: BonusPolicy;
  readonly month: string;
  readonly budget: readonly { readonly currency: string; readonly budgetMinor: string; readonly usedMinor: string; readonly approvedMinor: string; readonly pendingMinor: string }[];
  readonly proposals: readonly BonusRow[];
  readonly decided: readonly BonusRow[];
  readonly counts: Readonly<Record<'proposed' | 'approved' | 'rejected' | 'holdout', number>>;
  /** Intention to treat: every offer vs the holdout. */
  readonly uplift: Uplift;
  /** Approved offers only vs the holdout (staff's choice is not random: read with care). */
  readonly upliftApproved: Uplift;
  readonly awaitingOutcome: number;
}

export interface BonusRow {
  readonly id: string;
  readonly customerId: string;
  readonly proposedOn: string;
  readonly band: string;
  readonly probability: number;
  readonly tier: string;
  readonly amountMinor: string;
  readonly mrrMinor: string;
  readonly currency: string;
  readonly status: string;
  readonly decidedBy: string | null;
  readonly outcome: string | null;
  readonly observeUntil: string;
}

export async function bonusPage(db: WorkbenchDb, today: string): Promise<BonusPageData> {
  const policy = await currentBonusPolicy(db);
  const month = today.slice(0, 7);
  const rows = await db.selectFrom('retention_bonuses').selectAll().orderBy('probability', 'desc').execute();
  const toRow = (b: (typeof rows)[number]): BonusRow => ({
    id: String(b.id), customerId: b.customer_id, proposedOn: String(b.proposed_on).slice(0, 10), band: b.band, probability: b.probability, tier: b.value_tier,
    amountMinor: b.amount_minor.toString(), mrrMinor: b.mrr_minor.toString(), currency: b.currency, status: b.status, decidedBy: b.decided_by, outcome: b.outcome,
    observeUntil: String(b.observe_until).slice(0, 10),
  });
  const thisMonth = rows.filter((b) => b.arm === 'offer' && b.status !== 'rejected' && String(b.proposed_on).startsWith(month));
  const currencies = [...new Set([...Object.keys(policy.monthlyBudgetMinor), ...thisMonth.map((b) => b.currency)])].sort();
  const sum = (list: typeof rows) => list.reduce((s, b) => s + b.amount_minor, 0n).toString();
  const arm = (keep: (b: (typeof rows)[number]) => boolean) => ({
    stayed: rows.filter((b) => keep(b) && b.outcome === 'stayed').length,
    churned: rows.filter((b) => keep(b) && b.outcome === 'churned').length,
  });
  const counts = { proposed: 0, approved: 0, rejected: 0, holdout: 0 };
  for (const b of rows) counts[b.status]++;
  return {
    policy, month,
    budget: currencies.map((currency) => {
      const mine = thisMonth.filter((b) => b.currency === currency);
      return { currency, budgetMinor: policy.monthlyBudgetMinor[currency] ?? '0', usedMinor: sum(mine), approvedMinor: sum(mine.filter((b) => b.status === 'approved')), pendingMinor: sum(mine.filter((b) => b.status === 'proposed')) };
    }),
    proposals: rows.filter((b) => b.status === 'proposed').map(toRow),
    decided: rows.filter((b) => b.status !== 'proposed').sort((a, b) => (String(b.proposed_on) < String(a.proposed_on) ? -1 : 1)).slice(0, 200).map(toRow),
    counts,
    uplift: measureUplift(arm((b) => b.arm === 'offer'), arm((b) => b.arm === 'holdout')),
    upliftApproved: measureUplift(arm((b) => b.status === 'approved'), arm((b) => b.arm === 'holdout')),
    awaitingOutcome: rows.filter((b) => b.outcome === null && b.status !== 'rejected').length,
  };
}
