/**
 * What the churn pages show: the model in use with its card, the latest scoring run by band, and
 * one customer's score with its reasons, feature values and history.
 */
import { loadChurnModel } from '../../../../models/churn/model-store.ts';
import type { ModelCard } from '../../../../models/churn/card.ts';
import type { WorkbenchDb } from '../workbench/database.ts';
import type { ChurnReason } from '../../churn/reasons.ts';
import { CHURN_CATEGORICAL_FEATURES, CHURN_NUMERIC_FEATURES } from '../../../../models/churn/warehouse/churn-features.ts';

export class ChurnInputError extends Error {
  readonly code = 'CHURN_BAD_INPUT';
  readonly status = 400;
}

export class ChurnNotFoundError extends Error {
  readonly code = 'CHURN_NOT_SCORED';
  readonly status = 404;
}

export interface LatestRun {
  readonly id: bigint;
  readonly modelId: string;
  readonly modelSource: string;
  readonly cutoffAt: string;
  readonly asOfMonth: string;
  readonly scoredAt: string;
  readonly customers: number;
  readonly byBand: Readonly<Record<'low' | 'medium' | 'high', number>>;
}

export async function latestRun(db: WorkbenchDb): Promise<LatestRun | null> {
  const run = await db.selectFrom('churn_score_runs').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!run) return null;
  const bands = await db.selectFrom('churn_scores').select(['band', db.fn.countAll<string>().as('n')]).where('run_id', '=', run.id).groupBy('band').execute();
  const byBand = { low: 0, medium: 0, high: 0 };
  for (const b of bands) byBand[b.band] = Number(b.n);
  return {
    id: run.id, modelId: run.model_id, modelSource: run.model_source, cutoffAt: run.cutoff_at.toISOString(), asOfMonth: String(run.as_of_month).slice(0, 10),
    scoredAt: run.scored_at.toISOString(), customers: run.customers, byBand,
  };
}

export function modelInUse(dataDir: string): { card: ModelCard; source: string } {
  const m = loadChurnModel(dataDir);
  return { card: m.card, source: m.source };
}

export interface CustomerRisk {
  readonly customerId: string;
  readonly probability: number;
  readonly band: 'low' | 'medium' | 'high';
  readonly reasons: readonly ChurnReason[];
  /** The row's feature values as scored, in the model's feature order (categories last). */
  readonly features: readonly (readonly [string, string | number | null])[];
  readonly mrrMinor: bigint;
  readonly currency: string;
  readonly segment: string;
  readonly run: { readonly id: bigint; readonly modelId: string; readonly asOfMonth: string; readonly scoredAt: string; readonly mediumFrom: number; readonly highFrom: number };
  /** Earlier scores, oldest first. */
  readonly history: readonly { readonly asOfMonth: string; readonly probability: number; readonly band: string; readonly modelId: string }[];
}

function orderedFeatures(values: Record<string, string | number | null>): [string, string | number | null][] {
  const known: string[] = [...CHURN_CATEGORICAL_FEATURES, ...CHURN_NUMERIC_FEATURES];
  return [...known.filter((c) => c in values), ...Object.keys(values).filter((c) => !known.includes(c)).sort()].map((c) => [c, values[c]]);
}

const CUSTOMER_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export async function customerRisk(db: WorkbenchDb, customerId: string): Promise<CustomerRisk> {
  if (!CUSTOMER_ID.test(customerId)) throw new ChurnInputError(`"${customerId}" is not a customer id (letters, digits, _ . : -, at most 64)`);
  const rows = await db.selectFrom('churn_scores as s').innerJoin('churn_score_runs as r', 'r.id', 's.run_id')
    .select(['s.probability', 's.band', 's.reasons', 's.features', 's.mrr_minor', 's.currency', 's.segment', 'r.id as run_id', 'r.model_id', 'r.as_of_month', 'r.scored_at', 'r.medium_from', 'r.high_from'])
    .where('s.customer_id', '=', customerId).orderBy('r.id').execute();
  const latest = rows.at(-1);
  if (!latest) throw new ChurnNotFoundError(`Customer ${customerId} has no churn score: only customers with a running subscription at the latest month start are scored`);
  return {
    customerId, probability: latest.probability, band: latest.band, reasons: latest.reasons as unknown as ChurnReason[],
    features: orderedFeatures(latest.features as Record<string, string | number | null>), mrrMinor: latest.mrr_minor, currency: latest.currency, segment: latest.segment,
    run: { id: latest.run_id, modelId: latest.model_id, asOfMonth: String(latest.as_of_month).slice(0, 10), scoredAt: latest.scored_at.toISOString(), mediumFrom: latest.medium_from, highFrom: latest.high_from },
    history: rows.map((r) => ({ asOfMonth: String(r.as_of_month).slice(0, 10), probability: r.probability, band: r.band, modelId: r.model_id })),
  };
}

/** The highest-risk customers of the latest run, for the model page's list. */
export async function topRiskCustomers(db: WorkbenchDb, runId: bigint, limit = 20) {
  return db.selectFrom('churn_scores').select(['customer_id', 'probability', 'band', 'reasons', 'mrr_minor', 'currency', 'segment'])
    .where('run_id', '=', runId).orderBy('probability', 'desc').limit(limit).execute();
}
