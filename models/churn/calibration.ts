/**
 * Platt scaling: p = σ(a·margin + b), fitted on held-out rows by Newton's method. Chosen over
 * isotonic regression because it is monotone and smooth (ranking, hence AUC, is unchanged) and it
 * folds exactly into the exported model: the trees' leaf values and base value, or the logistic
 * coefficients, are multiplied by a and b is added, so ONNX needs no extra step.
 */
import { sigmoid } from './metrics.ts';

export interface PlattCalibration {
  readonly a: number;
  readonly b: number;
}

export const IDENTITY_CALIBRATION: PlattCalibration = { a: 1, b: 0 };

export function fitPlatt(margins: ArrayLike<number>, labels: ArrayLike<number>): PlattCalibration {
  let a = 1;
  let b = 0;
  // A whisper of L2 keeps the 2×2 Newton step defined if the margins separate the labels perfectly.
  const ridge = 1e-6;
  for (let iter = 0; iter < 100; iter++) {
    let ga = ridge * (a - 1);
    let gb = 0;
    let haa = ridge;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < margins.length; i++) {
      const m = margins[i];
      const p = sigmoid(a * m + b);
      const g = p - labels[i];
      const h = p * (1 - p);
      ga += g * m;
      gb += g;
      haa += h * m * m;
      hab += h * m;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-12 && Math.abs(db) < 1e-12) break;
  }
  return { a, b };
}

export function calibrated(c: PlattCalibration, margin: number): number {
  return sigmoid(c.a * margin + c.b);
}
