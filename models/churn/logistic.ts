/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS): with a few dozen encoded
 * features the Hessian is small, so each step solves it exactly (Cholesky) and the fit converges to
 * machine precision in a handful of iterations. Objective, as scikit-learn's with C = 1/l2:
 *   Σ logloss(yᵢ, σ(w·xᵢ + b)) + (l2 / 2)·‖w‖²  (+ (l2 / 2)·b² when penalizeIntercept, as liblinear does)
 * Optional standardisation fits on z-scores and folds the scaling back, so the stored coefficients
 * always apply to the raw encoded inputs.
 */
import type { Matrix } from './feature-table.ts';
import { sigmoid } from './metrics.ts';

export interface LogisticParams {
  readonly l2: number;
  readonly standardize: boolean;
  readonly penalizeIntercept: boolean;
  readonly maxIterations: number;
}

export const DEFAULT_LOGISTIC_PARAMS: LogisticParams = { l2: 1, standardize: false, penalizeIntercept: true, maxIterations: 100 };

export interface LogisticModel {
  readonly kind: 'logistic';
  readonly width: number;
  readonly intercept: number;
  readonly coefficients: readonly number[];
}

export class LogisticFitError extends Error {
  readonly code = 'LOGISTIC_NOT_CONVERGED';
}

/** Solves A·x = b for symmetric positive-definite A (n×n, row-major) by Cholesky; A is overwritten. */
export function choleskySolve(a: Float64Array, bVec: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] ** 2;
    if (d <= 0) throw new LogisticFitError('the Hessian is not positive definite (add L2 regularisation)');
    const l = Math.sqrt(d);
    a[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / l;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = bVec[i];
    for (let k = 0; k < i; k++) s -= a[i * n + k] * y[k];
    y[i] = s / a[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= a[k * n + i] * x[k];
    x[i] = s / a[i * n + i];
  }
  return x;
}

export function trainLogistic(x: Matrix, y: ArrayLike<number>, params: Partial<LogisticParams> = {}): LogisticModel {
  const p = { ...DEFAULT_LOGISTIC_PARAMS, ...params };
  const { rows, width, data } = x;
  const mean = new Float64Array(width);
  const scale = new Float64Array(width).fill(1);
  if (p.standardize) {
    for (let r = 0; r < rows; r++) for (let f = 0; f < width; f++) mean[f] += data[r * width + f] / rows;
    const variance = new Float64Array(width);
    for (let r = 0; r < rows; r++) for (let f = 0; f < width; f++) variance[f] += (data[r * width + f] - mean[f]) ** 2 / rows;
    for (let f = 0; f < width; f++) scale[f] = variance[f] > 0 ? Math.sqrt(variance[f]) : 1;
  }
  const d = width + 1; // last parameter is the intercept
  const w = new Float64Array(d);
  const z = new Float64Array(width);
  for (let iter = 0; iter < p.maxIterations; iter++) {
    const grad = new Float64Array(d);
    const hess = new Float64Array(d * d);
    for (let r = 0; r < rows; r++) {
      let m = w[width];
      for (let f = 0; f < width; f++) {
        z[f] = (data[r * width + f] - mean[f]) / scale[f];
        m += w[f] * z[f];
      }
      const prob = sigmoid(m);
      const g = prob - y[r];
      const h = prob * (1 - prob);
      for (let i = 0; i < d; i++) {
        const zi = i === width ? 1 : z[i];
        if (zi === 0) continue;
        grad[i] += g * zi;
        const hz = h * zi;
        for (let j = 0; j <= i; j++) {
          const zj = j === width ? 1 : z[j];
          hess[i * d + j] += hz * zj;
        }
      }
    }
    for (let i = 0; i < d; i++) {
      const penalised = i < width || p.penalizeIntercept;
      if (penalised) { grad[i] += p.l2 * w[i]; hess[i * d + i] += p.l2; }
      for (let j = 0; j < i; j++) hess[j * d + i] = hess[i * d + j];
    }
    const step = choleskySolve(hess, grad, d);
    let largest = 0;
    let decrement = 0; // Newton decrement gᵀH⁻¹g: half of it is the predicted fall of the objective
    for (let i = 0; i < d; i++) {
      w[i] -= step[i];
      largest = Math.max(largest, Math.abs(step[i]));
      decrement += grad[i] * step[i];
    }
    if (largest < 1e-10 || decrement < 1e-20 * rows) {
      const coefficients = Array.from({ length: width }, (_, f) => w[f] / scale[f]);
      let intercept = w[width];
      for (let f = 0; f < width; f++) intercept -= coefficients[f] * mean[f];
      return { kind: 'logistic', width, intercept, coefficients };
    }
  }
  throw new LogisticFitError(`Newton's method did not converge in ${p.maxIterations} iterations`);
}

export function logisticMargins(model: LogisticModel, x: Matrix): Float64Array {
  if (x.width !== model.width) throw new RangeError(`the matrix has ${x.width} features, the model ${model.width}`);
  const out = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let m = model.intercept;
    for (let f = 0; f < x.width; f++) m += model.coefficients[f] * x.data[r * x.width + f];
    out[r] = m;
  }
  return out;
}
