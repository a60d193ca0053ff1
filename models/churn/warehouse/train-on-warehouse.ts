/**
 * Trains the churn model on the warehouse's feature mart: labelled rows for horizon N
 * (sql/queries/churn_training_rows.sql), a time-based split with gaps, the generic trainer, then
 * evaluation on the holdout months through the exported ONNX file, reason-code importance, risk
 * bands and the validation gates. Returns the model card and the ONNX bytes; writing them is the
 * caller's decision (only when the gates pass).
 */
import type { Warehouse } from '../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../pipelines/warehouse/sql-files.ts';
import type { GateCheck, ModelCard, RiskBands, SplitSummary } from '../card.ts';
import { riskBand } from '../card.ts';
import { columnContributions, referenceValues } from '../explain.ts';
import { encode, encodedFeatures, takeRows, type FeatureTable } from '../feature-table.ts';
import { brierScore, calibrationTable, logLoss, prAuc, rocAuc } from '../metrics.ts';
import { predictMatrix, type ChurnModel } from '../model.ts';
import { exportOnnx, ML_OPSET } from '../onnx/export.ts';
import { openOnnxScorer } from '../onnx/onnx-scorer.ts';
import { sha256, writeModelDir, type StoredModel } from '../model-store.ts';
import { trainPair } from '../train.ts';
import { CHURN_CATEGORICAL_FEATURES, CHURN_NUMERIC_FEATURES, churnFeatureTable, type ChurnFeatureRow } from './churn-features.ts';
import { splitCutoffs } from './time-split.ts';

export interface TrainOnWarehouseOptions {
  readonly horizonMonths: number;
  /** The data's extraction instant: label windows must end before it. */
  readonly asOf: Date;
  /** Gate: holdout ROC-AUC at least this. */
  readonly minAuc: number;
  /** Gate: at most this far below the model in use, scored on the same holdout rows. */
  readonly maxAucDrop: number;
  readonly current?: StoredModel | null;
  readonly dataSource: string;
}

export interface TrainOnWarehouseResult {
  readonly card: ModelCard;
  readonly onnx: Uint8Array;
  readonly currentHoldoutAuc: number | null;
}

export class TrainingDataError extends Error {
  readonly code = 'NO_TRAINING_DATA';
}

const isoOf = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

function summary(rows: readonly ChurnFeatureRow[], table: FeatureTable): SplitSummary {
  let positives = 0;
  for (let i = 0; i < table.label.length; i++) positives += table.label[i];
  const month = (r: ChurnFeatureRow | undefined) => isoOf(r?.as_of_month).slice(0, 7);
  return { firstCutoff: isoOf(rows[0]?.cutoff_at), lastCutoff: isoOf(rows.at(-1)?.cutoff_at), firstMonth: month(rows[0]), lastMonth: month(rows.at(-1)), rows: rows.length, positives };
}

function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function scoreThroughOnnx(model: ChurnModel, table: FeatureTable): Promise<{ p: Float64Array; maxDiff: number; onnx: Uint8Array }> {
  const onnx = exportOnnx(model);
  const x = encode(model.encoder, table);
  const scorer = await openOnnxScorer(onnx);
  try {
    const p = await scorer.score(x);
    const ts = predictMatrix(model, x);
    let maxDiff = 0;
    for (let i = 0; i < p.length; i++) maxDiff = Math.max(maxDiff, Math.abs(p[i] - ts[i]));
    return { p, maxDiff, onnx };
  } finally {
    await scorer.close();
  }
}

export async function trainOnWarehouse(warehouse: Warehouse, options: TrainOnWarehouseOptions): Promise<TrainOnWarehouseResult> {
  const rows = await warehouse.query<ChurnFeatureRow>(sqlQuery('churn_training_rows'), [options.horizonMonths, options.asOf.toISOString()]);
  if (rows.length === 0) throw new TrainingDataError(`no labelled rows: the warehouse needs at least ${options.horizonMonths} months of history after its first cut-off`);
  const cutoffs = [...new Set(rows.map((r) => isoOf(r.cutoff_at)))].sort();
  const split = splitCutoffs(cutoffs, options.horizonMonths);
  const part = (keep: readonly string[]) => {
    const set = new Set(keep);
    const picked = rows.filter((r) => set.has(isoOf(r.cutoff_at)));
    return { rows: picked, table: churnFeatureTable(picked) };
  };
  const train = part(split.train);
  const valid = part(split.validation);
  const holdout = part(split.holdout);

  const pair = trainPair(train.table, valid.table);
  const trees = await scoreThroughOnnx(pair.trees, holdout.table);
  const logit = await scoreThroughOnnx(pair.logistic, holdout.table);
  const y = holdout.table.label;
  const holdoutAuc = rocAuc(y, trees.p);

  let currentHoldoutAuc: number | null = null;
  if (options.current) {
    const scorer = await openOnnxScorer(options.current.onnx);
    try {
      currentHoldoutAuc = rocAuc(y, await scorer.score(encode(options.current.card.encoder, holdout.table)));
    } catch {
      currentHoldoutAuc = null; // the old model cannot read today's features: nothing to compare against
    } finally {
      await scorer.close();
    }
  }

  const bandsAt: RiskBands = { mediumFrom: quantile(trees.p, 0.7), highFrom: quantile(trees.p, 0.9) };
  const churnRate = (band: string) => {
    let n = 0;
    let k = 0;
    for (let i = 0; i < y.length; i++) if (riskBand(bandsAt, trees.p[i]) === band) { n++; k += y[i]; }
    return n ? k / n : 0;
  };

  // Importance: mean change in probability when a column is reset to its reference, on a sample of holdout rows.
  const reference = referenceValues(train.table);
  const sampleRows = Array.from({ length: Math.min(1500, y.length) }, (_, i) => Math.floor((i * y.length) / Math.min(1500, y.length)));
  const sample = takeRows(holdout.table, sampleRows);
  const scorer = await openOnnxScorer(trees.onnx);
  let contributions;
  try {
    contributions = await columnContributions(pair.trees.encoder, sample, sampleRows.map((r) => trees.p[r]), reference, (x) => scorer.score(x));
  } finally {
    await scorer.close();
  }
  const topFeatures = sample.columns.map((c, ci) => ({
    column: c.name,
    meanAbsDelta: contributions.reduce((s, row) => s + Math.abs(row[ci].delta), 0) / contributions.length,
    meanDelta: contributions.reduce((s, row) => s + row[ci].delta, 0) / contributions.length,
  })).sort((a, b) => b.meanAbsDelta - a.meanAbsDelta);

  const gate = (name: string, value: number, threshold: number, comparison: '>=' | '<='): GateCheck =>
    ({ name, value, threshold, comparison, ok: comparison === '>=' ? value >= threshold : value <= threshold });
  const checks: GateCheck[] = [
    gate('holdout ROC-AUC', holdoutAuc, options.minAuc, '>='),
    gate('ONNX vs TypeScript, largest difference', trees.maxDiff, 1e-6, '<='),
    gate('holdout churners', summary(holdout.rows, holdout.table).positives, 20, '>='),
  ];
  if (currentHoldoutAuc !== null) checks.push(gate('holdout ROC-AUC vs model in use', holdoutAuc, currentHoldoutAuc - options.maxAucDrop, '>='));

  const model = pair.trees.model;
  const trainedAt = new Date().toISOString();
  const card: ModelCard = {
    schema: 1,
    modelId: `churn-${trainedAt.replace(/[-:]/g, '').slice(0, 15)}`,
    trainedAt,
    algorithm: model.kind === 'gbt' ? `gradient-boosted trees (${model.trees.length} trees), Platt-calibrated` : 'logistic regression',
    target: `service stopped within ${options.horizonMonths} months after the cut-off (sql/intermediate/int_customer_service_ends.sql)`,
    horizonMonths: options.horizonMonths,
    dataSource: options.dataSource,
    split: { train: summary(train.rows, train.table), validation: summary(valid.rows, valid.table), holdout: summary(holdout.rows, holdout.table) },
    features: { numeric: [...CHURN_NUMERIC_FEATURES], categorical: [...CHURN_CATEGORICAL_FEATURES], encodedCount: encodedFeatures(pair.encoder).length },
    encoder: pair.encoder,
    reference,
    hyperparameters: { ...pair.bestTrees.params, rounds: pair.bestTrees.rounds ?? 0 } as Record<string, number | boolean>,
    calibration: pair.trees.calibration,
    metrics: {
      holdout: { rocAuc: holdoutAuc, prAuc: prAuc(y, trees.p), logLoss: logLoss(y, trees.p), brier: brierScore(y, trees.p), baseRate: summary(holdout.rows, holdout.table).positives / y.length },
      validationRocAuc: pair.bestTrees.validAuc,
      logisticBaselineHoldout: { rocAuc: rocAuc(y, logit.p), prAuc: prAuc(y, logit.p) },
    },
    calibrationTable: calibrationTable(y, trees.p, 10),
    bands: { ...bandsAt, holdoutChurnRate: { low: churnRate('low'), medium: churnRate('medium'), high: churnRate('high') } },
    topFeatures,
    gates: { passed: checks.every((c) => c.ok), checks },
    onnx: { file: 'model.onnx', sha256: sha256(trees.onnx), opsets: { '': 17, 'ai.onnx.ml': ML_OPSET }, maxAbsDiffVsTypeScript: trees.maxDiff },
  };
  return { card, onnx: trees.onnx, currentHoldoutAuc };
}

/** Writes the model to `dir` (where scoring picks it up) only if it passed every gate; says whether it did. */
export function saveIfValid(dir: string, result: Pick<TrainOnWarehouseResult, 'card' | 'onnx'>): boolean {
  if (!result.card.gates.passed) return false;
  writeModelDir(dir, result.onnx, result.card);
  return true;
}
