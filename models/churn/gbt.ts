/**
 * Gradient-boosted decision trees for binary log-loss, histogram-based (as LightGBM and
 * scikit-learn's HistGradientBoosting): every feature is cut into at most `maxBins` bins once, each
 * tree is grown leaf-wise (best gain first) within a depth and leaf budget, with shrinkage, L2 on
 * leaf values, a minimum hessian per child, row and column subsampling, and early stopping on a
 * validation set. Split thresholds are real training values and a row goes left when
 * `x <= threshold`, which is exactly ONNX's BRANCH_LEQ: the exported model takes the same paths.
 */
import type { Matrix } from './feature-table.ts';
import { logLoss, sigmoid } from './metrics.ts';
import { seededRandom } from './random.ts';

export interface GbtParams {
  readonly learningRate: number;
  readonly maxDepth: number;
  readonly maxLeaves: number;
  /** Minimum sum of hessians (p·(1−p)) in each child. */
  readonly minChildWeight: number;
  /** Minimum rows in each child. */
  readonly minSamplesLeaf: number;
  /** L2 penalty on leaf values (XGBoost's lambda). */
  readonly l2: number;
  /** Minimum loss reduction to make a split (XGBoost's gamma). */
  readonly minGain: number;
  /** Fraction of rows drawn (without replacement) for each tree. */
  readonly subsample: number;
  /** Fraction of features considered for each tree. */
  readonly colsample: number;
  readonly maxBins: number;
  readonly maxRounds: number;
  /** Stop when validation log-loss has not improved for this many rounds (needs a validation set). */
  readonly earlyStoppingRounds: number;
  readonly seed: number;
}

export const DEFAULT_GBT_PARAMS: GbtParams = {
  learningRate: 0.05, maxDepth: 4, maxLeaves: 16, minChildWeight: 1, minSamplesLeaf: 20, l2: 1, minGain: 0,
  subsample: 0.8, colsample: 1, maxBins: 255, maxRounds: 2000, earlyStoppingRounds: 50, seed: 1,
};

/**
 * One tree in flat arrays. `left[i] === -1` marks a leaf. `value[i]` is the (shrunk) value the node
 * would predict as a leaf, kept for internal nodes too: path differences give each split's
 * contribution, the basis of reason codes.
 */
export interface Tree {
  readonly feature: number[];
  readonly threshold: number[];
  readonly left: number[];
  readonly right: number[];
  readonly value: number[];
}

export interface GbtModel {
  readonly kind: 'gbt';
  readonly width: number;
  /** Log-odds before any tree (of the training base rate). */
  readonly baseMargin: number;
  readonly trees: readonly Tree[];
}

export interface GbtTrainingLog {
  readonly rounds: number;
  readonly bestRound: number;
  readonly validLogLoss: readonly number[];
}

interface Binned {
  /** Column-major bin codes: bins[f * rows + r]. */
  readonly bins: Uint8Array;
  /** uppers[f][b]: a row is in bin b of feature f when x <= uppers[f][b] (and above the previous). */
  readonly uppers: readonly Float64Array[];
  readonly offsets: Int32Array;
  readonly totalBins: number;
}

function binFeatures(x: Matrix, maxBins: number): Binned {
  if (maxBins > 256 || maxBins < 2) throw new RangeError('maxBins must be 2..256');
  const { rows, width, data } = x;
  const uppers: Float64Array[] = [];
  const bins = new Uint8Array(rows * width);
  const offsets = new Int32Array(width + 1);
  const column = new Float64Array(rows);
  for (let f = 0; f < width; f++) {
    for (let r = 0; r < rows; r++) column[r] = data[r * width + f];
    const sorted = Float64Array.from(column).sort();
    const distinct: number[] = [];
    for (let i = 0; i < rows; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
    let cut: number[];
    if (distinct.length <= maxBins) cut = distinct.slice(0, -1);
    else {
      const set = new Set<number>();
      for (let b = 1; b < maxBins; b++) set.add(sorted[Math.floor((b * rows) / maxBins) - 1]);
      set.delete(sorted[rows - 1]);
      cut = [...set].sort((a, b) => a - b);
    }
    const u = Float64Array.from(cut);
    uppers.push(u);
    offsets[f + 1] = offsets[f] + u.length + 1;
    for (let r = 0; r < rows; r++) bins[f * rows + r] = binOf(u, column[r]);
  }
  return { bins, uppers, offsets, totalBins: offsets[width] };
}

function binOf(uppers: Float64Array, v: number): number {
  let lo = 0;
  let hi = uppers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= uppers[mid]) hi = mid; else lo = mid + 1;
  }
  return lo;
}

interface Split { feature: number; bin: number; gain: number; gl: number; hl: number; nl: number }

interface Leaf {
  id: number;
  depth: number;
  rows: Uint32Array;
  g: number;
  h: number;
  hist: Float64Array; // [grad, hess, count] per global bin
  split: Split | null;
}

function buildHistogram(b: Binned, rowsN: number, features: readonly number[], idx: Uint32Array, grad: Float64Array, hess: Float64Array): Float64Array {
  const hist = new Float64Array(b.totalBins * 3);
  for (const f of features) {
    const base = f * rowsN;
    const off = b.offsets[f];
    for (let k = 0; k < idx.length; k++) {
      const r = idx[k];
      const slot = (off + b.bins[base + r]) * 3;
      hist[slot] += grad[r];
      hist[slot + 1] += hess[r];
      hist[slot + 2] += 1;
    }
  }
  return hist;
}

function bestSplit(p: GbtParams, b: Binned, features: readonly number[], leaf: Leaf): Split | null {
  const parentScore = (leaf.g * leaf.g) / (leaf.h + p.l2);
  let best: Split | null = null;
  const n = leaf.rows.length;
  for (const f of features) {
    const off = b.offsets[f];
    const nb = b.offsets[f + 1] - off;
    let gl = 0;
    let hl = 0;
    let nl = 0;
    for (let bin = 0; bin < nb - 1; bin++) {
      const slot = (off + bin) * 3;
      gl += leaf.hist[slot];
      hl += leaf.hist[slot + 1];
      nl += leaf.hist[slot + 2];
      if (nl < p.minSamplesLeaf || hl < p.minChildWeight) continue;
      const gr = leaf.g - gl;
      const hr = leaf.h - hl;
      if (n - nl < p.minSamplesLeaf || hr < p.minChildWeight) break;
      const gain = 0.5 * ((gl * gl) / (hl + p.l2) + (gr * gr) / (hr + p.l2) - parentScore) - p.minGain;
      if (gain > 1e-12 && (!best || gain > best.gain)) best = { feature: f, bin, gain, gl, hl, nl };
    }
  }
  return best;
}

function growTree(p: GbtParams, b: Binned, rowsN: number, sample: Uint32Array, features: readonly number[], grad: Float64Array, hess: Float64Array): Tree {
  const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const addNode = (g: number, h: number): number => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push((-g / (h + p.l2)) * p.learningRate);
    return tree.value.length - 1;
  };
  let g0 = 0;
  let h0 = 0;
  for (let k = 0; k < sample.length; k++) { g0 += grad[sample[k]]; h0 += hess[sample[k]]; }
  const root: Leaf = { id: addNode(g0, h0), depth: 0, rows: sample, g: g0, h: h0, hist: buildHistogram(b, rowsN, features, sample, grad, hess), split: null };
  root.split = bestSplit(p, b, features, root);
  const open: Leaf[] = [root];
  let leaves = 1;
  while (leaves < p.maxLeaves) {
    let pick = -1;
    for (let i = 0; i < open.length; i++) {
      const s = open[i].split;
      if (s && open[i].depth < p.maxDepth && (pick < 0 || s.gain > open[pick].split!.gain)) pick = i;
    }
    if (pick < 0) break;
    const leaf = open[pick];
    open.splice(pick, 1);
    const s = leaf.split!;
    const base = s.feature * rowsN;
    const leftRows = new Uint32Array(s.nl);
    const rightRows = new Uint32Array(leaf.rows.length - s.nl);
    let li = 0;
    let ri = 0;
    for (let k = 0; k < leaf.rows.length; k++) {
      const r = leaf.rows[k];
      if (b.bins[base + r] <= s.bin) leftRows[li++] = r; else rightRows[ri++] = r;
    }
    const gr = leaf.g - s.gl;
    const hr = leaf.h - s.hl;
    const leftId = addNode(s.gl, s.hl);
    const rightId = addNode(gr, hr);
    tree.feature[leaf.id] = s.feature;
    tree.threshold[leaf.id] = b.uppers[s.feature][s.bin];
    tree.left[leaf.id] = leftId;
    tree.right[leaf.id] = rightId;
    // Histogram subtraction: build the smaller child, derive the larger from the parent.
    const smallIsLeft = leftRows.length <= rightRows.length;
    const small = buildHistogram(b, rowsN, features, smallIsLeft ? leftRows : rightRows, grad, hess);
    const large = leaf.hist;
    for (let i = 0; i < large.length; i++) large[i] -= small[i];
    const left: Leaf = { id: leftId, depth: leaf.depth + 1, rows: leftRows, g: s.gl, h: s.hl, hist: smallIsLeft ? small : large, split: null };
    const right: Leaf = { id: rightId, depth: leaf.depth + 1, rows: rightRows, g: gr, h: hr, hist: smallIsLeft ? large : small, split: null };
    for (const child of [left, right]) {
      if (child.depth < p.maxDepth) child.split = bestSplit(p, b, features, child);
      open.push(child);
    }
    leaves++;
  }
  return tree;
}

/** The leaf a row reaches; `x` is the row's encoded values, `at` its offset in `x`. */
export function leafOf(tree: Tree, x: ArrayLike<number>, at: number): number {
  let node = 0;
  while (tree.left[node] !== -1) node = x[at + tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  return node;
}

/** Raw log-odds of each row (before calibration). */
export function gbtMargins(model: GbtModel, x: Matrix): Float64Array {
  if (x.width !== model.width) throw new RangeError(`the matrix has ${x.width} features, the model ${model.width}`);
  const out = new Float64Array(x.rows).fill(model.baseMargin);
  for (const tree of model.trees) {
    for (let r = 0; r < x.rows; r++) out[r] += tree.value[leafOf(tree, x.data, r * x.width)];
  }
  return out;
}

/**
 * Per-feature contributions to one row's margin (Saabas path attribution): each split on the path
 * credits its feature with the change in node value. Σ contributions + bias = margin.
 */
export function gbtContributions(model: GbtModel, x: ArrayLike<number>, at = 0): { bias: number; contributions: Float64Array } {
  const contributions = new Float64Array(model.width);
  let bias = model.baseMargin;
  for (const tree of model.trees) {
    let node = 0;
    bias += tree.value[0];
    while (tree.left[node] !== -1) {
      const next = x[at + tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
      contributions[tree.feature[node]] += tree.value[next] - tree.value[node];
      node = next;
    }
  }
  return { bias, contributions };
}

/** Total gain-free importance: how often each feature splits, weighted by nothing (kept simple). */
export function gbtSplitCounts(model: GbtModel): Float64Array {
  const counts = new Float64Array(model.width);
  for (const t of model.trees) for (let i = 0; i < t.feature.length; i++) if (t.left[i] !== -1) counts[t.feature[i]]++;
  return counts;
}

function sampleIndices(n: number, fraction: number, rnd: () => number): Uint32Array {
  if (fraction >= 1) return Uint32Array.from({ length: n }, (_, i) => i);
  const picked: number[] = [];
  for (let i = 0; i < n; i++) if (rnd() < fraction) picked.push(i);
  return Uint32Array.from(picked);
}

/**
 * Trains on `x`/`y`; with a validation set, stops early on its log-loss and keeps the best round.
 * Without one, trains exactly `params.maxRounds` trees (the refit on train + validation).
 */
export function trainGbt(x: Matrix, y: ArrayLike<number>, params: Partial<GbtParams> = {}, valid?: { x: Matrix; y: ArrayLike<number> }): { model: GbtModel; log: GbtTrainingLog } {
  const p: GbtParams = { ...DEFAULT_GBT_PARAMS, ...params };
  const n = x.rows;
  const b = binFeatures(x, p.maxBins);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  const rate = Math.min(Math.max(positives / n, 1e-6), 1 - 1e-6);
  const baseMargin = Math.log(rate / (1 - rate));
  const margin = new Float64Array(n).fill(baseMargin);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const rnd = seededRandom(p.seed);
  const trees: Tree[] = [];
  const validMargin = valid ? new Float64Array(valid.x.rows).fill(baseMargin) : null;
  const validLoss: number[] = [];
  let bestRound = 0;
  let bestLoss = Infinity;
  const allFeatures = Array.from({ length: x.width }, (_, i) => i);
  for (let round = 0; round < p.maxRounds; round++) {
    for (let i = 0; i < n; i++) {
      const prob = sigmoid(margin[i]);
      grad[i] = prob - y[i];
      hess[i] = Math.max(prob * (1 - prob), 1e-16);
    }
    const sample = sampleIndices(n, p.subsample, rnd);
    const features = p.colsample >= 1 ? allFeatures : allFeatures.filter(() => rnd() < p.colsample);
    const tree = growTree(p, b, n, sample, features.length ? features : allFeatures, grad, hess);
    trees.push(tree);
    for (let r = 0; r < n; r++) margin[r] += tree.value[leafOf(tree, x.data, r * x.width)];
    if (valid && validMargin) {
      for (let r = 0; r < valid.x.rows; r++) validMargin[r] += tree.value[leafOf(tree, valid.x.data, r * valid.x.width)];
      const loss = logLoss(valid.y, Array.from(validMargin, sigmoid));
      validLoss.push(loss);
      if (loss < bestLoss - 1e-12) { bestLoss = loss; bestRound = round + 1; }
      else if (round + 1 - bestRound >= p.earlyStoppingRounds) break;
    }
  }
  const kept = valid ? trees.slice(0, bestRound) : trees;
  return {
    model: { kind: 'gbt', width: x.width, baseMargin, trees: kept },
    log: { rounds: trees.length, bestRound: valid ? bestRound : trees.length, validLogLoss: validLoss },
  };
}
