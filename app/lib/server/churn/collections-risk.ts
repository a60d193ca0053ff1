/**
 * Churn risk in collections (issue 6, part 5): the latest churn score of each customer, how it
 * joins the queue's priority, and the escalation branch that turns a suspension of a customer at
 * high churn risk into a personal call.
 */
import type { EscalationBranch } from '../escalation/types.ts';
import type { WorkbenchDb } from '../workbench/database.ts';

export interface CustomerChurnRisk {
  readonly probability: number;
  readonly band: 'low' | 'medium' | 'high';
}

export interface LatestChurnRisk {
  /** False before the first scoring run (no model output at all). */
  readonly scored: boolean;
  /** Customers of the latest run among those asked for; the others were not in the model's population. */
  readonly byCustomer: ReadonlyMap<string, CustomerChurnRisk>;
}

/** The latest scoring run's probability and band per customer. */
export async function latestChurnRisk(db: WorkbenchDb, customerIds: readonly string[]): Promise<LatestChurnRisk> {
  const run = await db.selectFrom('churn_score_runs').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!run || customerIds.length === 0) return { scored: Boolean(run), byCustomer: new Map() };
  const rows = await db.selectFrom('churn_scores').select(['customer_id', 'probability', 'band'])
    .where('run_id', '=', run.id).where('customer_id', 'in', [...customerIds]).execute();
  return { scored: true, byCustomer: new Map(rows.map((r) => [r.customer_id, { probability: r.probability, band: r.band }])) };
}

/** Every score of the latest run, as parallel lists for the queue's SQL ranking; cached per run. */
export interface ChurnRankingScores {
  readonly scored: boolean;
  readonly runId: bigint | null;
  readonly customerIds: readonly string[];
  readonly probabilities: readonly number[];
  readonly byCustomer: ReadonlyMap<string, CustomerChurnRisk>;
}

// Scores change only when a scoring run lands (after a sync), so the queue reloads them once per run.
const rankingCache = new WeakMap<WorkbenchDb, ChurnRankingScores>();

/** The latest run's scores for every customer (for ranking the whole queue in SQL), cached until a new run. */
export async function churnRankingScores(db: WorkbenchDb): Promise<ChurnRankingScores> {
  const run = await db.selectFrom('churn_score_runs').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!run) return { scored: false, runId: null, customerIds: [], probabilities: [], byCustomer: new Map() };
  const cached = rankingCache.get(db);
  if (cached && cached.runId === run.id) return cached;
  const rows = await db.selectFrom('churn_scores').select(['customer_id', 'probability', 'band']).where('run_id', '=', run.id).execute();
  const scores: ChurnRankingScores = {
    scored: true,
    runId: run.id,
    customerIds: rows.map((r) => r.customer_id),
    probabilities: rows.map((r) => Number(r.probability)),
    byCustomer: new Map(rows.map((r) => [r.customer_id, { probability: Number(r.probability), band: r.band }])),
  };
  rankingCache.set(db, scores);
  return scores;
}

/** Points of the 0–100 priority given to churn probability. */
export const CHURN_PRIORITY_POINTS = 15;

/**
 * Queue priority with churn risk: 0.85 × the collections score (sql/queries/collections_queue.sql)
 * + 15 × churn probability, so it stays 0–100. Debt of a customer about to leave is worked
 * sooner: once they are gone it is harder to recover. A customer the latest run did not score had
 * no running, uncancelled subscription at its cut-off (mostly customers who have left) and counts
 * as probability 1. Before any scoring run the collections score is used unchanged.
 */
export function priorityWithChurn(collectionsScore: number, churn: LatestChurnRisk, customerId: string): number {
  if (!churn.scored) return collectionsScore;
  const probability = churn.byCustomer.get(customerId)?.probability ?? 1;
  return Math.round(((1 - CHURN_PRIORITY_POINTS / 100) * collectionsScore + CHURN_PRIORITY_POINTS * probability) * 10) / 10;
}

export const CHURN_PRIORITY_DEFINITION =
  `With churn risk: 0.85 × that score + ${CHURN_PRIORITY_POINTS} × the customer's churn probability (latest scoring, /models/churn); ` +
  'a customer not scored (no running, uncancelled subscription: mostly customers who have left) counts as probability 1.';

/**
 * The escalation branch on churn risk: for a customer in the high band, a suspension (or an agency
 * hand-off) is proposed as a personal call instead. Known limitation: the engine's branch has no
 * customer-value condition yet, so it applies to every high-risk customer, not only high-value ones.
 */
export const CHURN_ESCALATION_BRANCH: EscalationBranch = {
  when: { minRiskBand: 'high' },
  replaceKind: 'personal_call',
  appliesTo: ['suspension', 'agency_handoff'],
};
