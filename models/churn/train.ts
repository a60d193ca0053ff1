/**
 * The generic trainer: given training and validation rows of any feature table, fits the encoder on
 * the training rows, tries each candidate setting of the boosted trees (early-stopped on
 * validation) and of the logistic baseline, keeps the best of each by validation ROC-AUC, and
 * Platt-calibrates both on the validation rows. Test rows never enter here.
 */
import { encode, fitEncoder, validateTable, type EncoderSpec, type FeatureTable, type Matrix } from './feature-table.ts';
import { fitPlatt, IDENTITY_CALIBRATION } from './calibration.ts';
import { trainGbt, type GbtParams } from './gbt.ts';
import { trainLogistic, type LogisticParams } from './logistic.ts';
import { rocAuc } from './metrics.ts';
import { margins, type ChurnModel } from './model.ts';

export interface Candidate<P> {
  readonly params: Partial<P>;
  readonly validAuc: number;
  /** Trees: rounds kept by early stopping. */
  readonly rounds?: number;
}

export interface TrainedPair {
  readonly encoder: EncoderSpec;
  readonly trees: ChurnModel;
  readonly logistic: ChurnModel;
  readonly treeCandidates: readonly Candidate<GbtParams>[];
  readonly logisticCandidates: readonly Candidate<LogisticParams>[];
  /** The winning settings, with the trees' early-stopped round count. */
  readonly bestTrees: Candidate<GbtParams>;
  readonly bestLogistic: Candidate<LogisticParams>;
}

/** A compact default search; each setting early-stops on validation. */
export const DEFAULT_TREE_GRID: readonly Partial<GbtParams>[] = [
  { learningRate: 0.05, maxDepth: 2, maxLeaves: 4, minSamplesLeaf: 20, l2: 1 },
  { learningRate: 0.05, maxDepth: 3, maxLeaves: 8, minSamplesLeaf: 20, l2: 1 },
  { learningRate: 0.05, maxDepth: 3, maxLeaves: 8, minSamplesLeaf: 50, l2: 10 },
  { learningRate: 0.05, maxDepth: 4, maxLeaves: 16, minSamplesLeaf: 50, l2: 10 },
  { learningRate: 0.05, maxDepth: 6, maxLeaves: 31, minSamplesLeaf: 100, l2: 10 },
];

export const DEFAULT_LOGISTIC_GRID: readonly Partial<LogisticParams>[] = [0.01, 0.1, 1, 10, 100].map((l2) => ({ l2, standardize: true }));

export interface TrainOptions {
  readonly treeGrid?: readonly Partial<GbtParams>[];
  readonly logisticGrid?: readonly Partial<LogisticParams>[];
  /** Platt-calibrate on the validation rows (default true). */
  readonly calibrate?: boolean;
}

function best<P>(candidates: Candidate<P>[]): Candidate<P> {
  return candidates.reduce((a, b) => (b.validAuc > a.validAuc ? b : a));
}

export function trainPair(train: FeatureTable, valid: FeatureTable, options: TrainOptions = {}): TrainedPair {
  validateTable(train);
  validateTable(valid);
  const encoder = fitEncoder(train);
  const xt = encode(encoder, train);
  const xv = encode(encoder, valid);
  const treeCandidates: Candidate<GbtParams>[] = [];
  let bestTreeModel: ChurnModel | null = null;
  for (const params of options.treeGrid ?? DEFAULT_TREE_GRID) {
    const { model, log } = trainGbt(xt, train.label, params, { x: xv, y: valid.label });
    const m: ChurnModel = { encoder, model, calibration: IDENTITY_CALIBRATION };
    const validAuc = rocAuc(valid.label, margins(m, xv));
    treeCandidates.push({ params, validAuc, rounds: log.bestRound });
    if (!bestTreeModel || validAuc >= best(treeCandidates).validAuc) bestTreeModel = m;
  }
  const logisticCandidates: Candidate<LogisticParams>[] = [];
  let bestLogisticModel: ChurnModel | null = null;
  for (const params of options.logisticGrid ?? DEFAULT_LOGISTIC_GRID) {
    const m: ChurnModel = { encoder, model: trainLogistic(xt, train.label, params), calibration: IDENTITY_CALIBRATION };
    const validAuc = rocAuc(valid.label, margins(m, xv));
    logisticCandidates.push({ params, validAuc });
    if (!bestLogisticModel || validAuc >= best(logisticCandidates).validAuc) bestLogisticModel = m;
  }
  const calibrate = (m: ChurnModel, x: Matrix): ChurnModel => (options.calibrate === false ? m : { ...m, calibration: fitPlatt(margins(m, x), valid.label) });
  return {
    encoder,
    trees: calibrate(bestTreeModel!, xv),
    logistic: calibrate(bestLogisticModel!, xv),
    treeCandidates,
    logisticCandidates,
    bestTrees: best(treeCandidates),
    bestLogistic: best(logisticCandidates),
  };
}

/**
 * Refits the chosen settings on all rows given (e.g. train + validation) with no early stopping:
 * the trees keep the round count validation chose. Calibration is left as identity, since no
 * held-out rows remain to fit it on.
 */
export function refitPair(rows: FeatureTable, pair: Pick<TrainedPair, 'bestTrees' | 'bestLogistic'>): { trees: ChurnModel; logistic: ChurnModel } {
  validateTable(rows);
  const encoder = fitEncoder(rows);
  const x = encode(encoder, rows);
  const trees = trainGbt(x, rows.label, { ...pair.bestTrees.params, maxRounds: pair.bestTrees.rounds }).model;
  const logistic = trainLogistic(x, rows.label, pair.bestLogistic.params);
  return {
    trees: { encoder, model: trees, calibration: IDENTITY_CALIBRATION },
    logistic: { encoder, model: logistic, calibration: IDENTITY_CALIBRATION },
  };
}
