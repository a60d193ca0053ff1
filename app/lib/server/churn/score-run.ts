/**
 * Scores every customer at the feature mart's latest cut-off with the churn model in use (the
 * installation's own if it validated, else the shipped default), through onnxruntime-node, with
 * reason codes, and stores the run in the workbench. Runs after each sync; a sync that brings no
 * new cut-off and no new model finds the run already there and does nothing.
 */
import { riskBand } from '../../../../models/churn/card.ts';
import { columnContributions } from '../../../../models/churn/explain.ts';
import { encode } from '../../../../models/churn/feature-table.ts';
import { loadChurnModel } from '../../../../models/churn/model-store.ts';
import { openOnnxScorer } from '../../../../models/churn/onnx/onnx-scorer.ts';
import { churnFeatureTable, CHURN_CATEGORICAL_FEATURES, CHURN_NUMERIC_FEATURES, type ChurnFeatureRow } from '../../../../models/churn/warehouse/churn-features.ts';
import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import type { WorkbenchDb } from '../workbench/database.ts';
import type { JsonObject } from '../workbench/schema.ts';
import type { ChurnReason } from '../../churn/reasons.ts';

/** Reasons kept per customer, and the smallest contribution worth telling a collector (probability points). */
const REASONS_KEPT = 3;
const REASON_MIN_DELTA = 0.005;

export interface ChurnScoringResult {
  readonly runId: bigint;
  readonly created: boolean;
  readonly customers: number;
  readonly modelId: string;
}

export interface ChurnScoringDeps {
  readonly warehouse: Warehouse;
  readonly workbench: WorkbenchDb;
  readonly dataDir: string;
}

const toJson = (v: unknown): string | number | null => (v === null || v === undefined ? null : typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : String(v));

export async function scoreChurn(deps: ChurnScoringDeps): Promise<ChurnScoringResult | null> {
  const model = loadChurnModel(deps.dataDir);
  const rows = await deps.warehouse.query<ChurnFeatureRow>(sqlQuery('churn_scoring_rows'));
  if (rows.length === 0) return null;
  const cutoffAt = rows[0].cutoff_at instanceof Date ? rows[0].cutoff_at : new Date(String(rows[0].cutoff_at));
  const existing = await deps.workbench.selectFrom('churn_score_runs').select(['id', 'customers'])
    .where('model_id', '=', model.card.modelId).where('cutoff_at', '=', cutoffAt).executeTakeFirst();
  if (existing) return { runId: existing.id, created: false, customers: existing.customers, modelId: model.card.modelId };

  const table = churnFeatureTable(rows);
  const scorer = await openOnnxScorer(model.onnx);
  let probabilities: Float64Array;
  let contributions;
  try {
    probabilities = await scorer.score(encode(model.card.encoder, table));
    contributions = await columnContributions(model.card.encoder, table, probabilities, model.card.reference, (x) => scorer.score(x));
  } finally {
    await scorer.close();
  }
  const columns = [...CHURN_NUMERIC_FEATURES, ...CHURN_CATEGORICAL_FEATURES];
  const asOfMonth = String(rows[0].as_of_month instanceof Date ? (rows[0].as_of_month as Date).toISOString().slice(0, 10) : rows[0].as_of_month).slice(0, 10);
  return deps.workbench.transaction().execute(async (trx) => {
    const run = await trx.insertInto('churn_score_runs').values({
      model_id: model.card.modelId, model_source: model.source, cutoff_at: cutoffAt, as_of_month: asOfMonth,
      customers: rows.length, medium_from: model.card.bands.mediumFrom, high_from: model.card.bands.highFrom,
    }).returning('id').executeTakeFirstOrThrow();
    const values = rows.map((r, i) => {
      const features: JsonObject = Object.fromEntries(columns.map((c) => [c, toJson(r[c])]));
      const reasons: ChurnReason[] = contributions[i]
        .filter((c) => c.delta >= REASON_MIN_DELTA)
        .sort((a, b) => b.delta - a.delta)
        .slice(0, REASONS_KEPT)
        .map((c) => ({ column: c.column, delta: Math.round(c.delta * 10_000) / 10_000, value: toJson(r[c.column]) }));
      return {
        run_id: run.id, customer_id: r.customer_id, probability: probabilities[i], band: riskBand(model.card.bands, probabilities[i]),
        reasons: JSON.stringify(reasons), features: JSON.stringify(features),
        mrr_minor: BigInt(r.mrr_minor as bigint), currency: String(r.currency), segment: String(r.segment),
      };
    });
    for (let at = 0; at < values.length; at += 500) {
      await trx.insertInto('churn_scores').values(values.slice(at, at + 500) as never).execute();
    }
    return { runId: run.id, created: true, customers: rows.length, modelId: model.card.modelId };
  });
}
