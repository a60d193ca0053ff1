/**
 * Scores of a probabilistic classifier. ROC-AUC counts ties as half (Mann–Whitney); PR-AUC is
 * average precision as scikit-learn computes it (step function, no interpolation), so the figures
 * compare with published ones.
 */

/** Indices sorted by descending score. */
function byScoreDescending(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => scores[b] - scores[a]);
}

export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = byScoreDescending(scores);
  let positives = 0;
  let negatives = 0;
  let area = 0;
  // Walk groups of equal scores: each negative in a group beats the positives before it, ties count half.
  for (let i = 0; i < order.length;) {
    let j = i;
    let groupPos = 0;
    let groupNeg = 0;
    while (j < order.length && scores[order[j]] === scores[order[i]]) {
      if (labels[order[j]] === 1) groupPos++; else groupNeg++;
      j++;
    }
    area += groupNeg * (positives + groupPos / 2);
    positives += groupPos;
    negatives += groupNeg;
    i = j;
  }
  if (positives === 0 || negatives === 0) return Number.NaN;
  return area / (positives * negatives);
}

/** Average precision: Σ (recall_k − recall_{k−1}) · precision_k over score thresholds. */
export function prAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = byScoreDescending(scores);
  let total = 0;
  for (let i = 0; i < labels.length; i++) total += labels[i];
  if (total === 0) return Number.NaN;
  let tp = 0;
  let seen = 0;
  let ap = 0;
  let lastRecall = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && scores[order[j]] === scores[order[i]]) {
      tp += labels[order[j]];
      seen++;
      j++;
    }
    const recall = tp / total;
    ap += (recall - lastRecall) * (tp / seen);
    lastRecall = recall;
    i = j;
  }
  return ap;
}

export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(Math.max(probabilities[i], 1e-15), 1 - 1e-15);
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}

export function brierScore(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (probabilities[i] - labels[i]) ** 2;
  return sum / labels.length;
}

/** One bin of a reliability table: rows whose predicted probability falls in [from, to). */
export interface CalibrationBin {
  readonly from: number;
  readonly to: number;
  readonly rows: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
}

/** Reliability table on equal-count bins (deciles by default) of the predicted probability. */
export function calibrationTable(labels: ArrayLike<number>, probabilities: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const order = Array.from(byScoreDescending(probabilities)).reverse();
  const out: CalibrationBin[] = [];
  const n = order.length;
  for (let b = 0; b < bins; b++) {
    const start = Math.floor((b * n) / bins);
    const end = Math.floor(((b + 1) * n) / bins);
    if (end <= start) continue;
    let p = 0;
    let y = 0;
    for (let k = start; k < end; k++) {
      p += probabilities[order[k]];
      y += labels[order[k]];
    }
    out.push({
      from: probabilities[order[start]],
      to: probabilities[order[end - 1]],
      rows: end - start,
      meanPredicted: p / (end - start),
      observedRate: y / (end - start),
    });
  }
  return out;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
