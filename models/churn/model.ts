/**
 * A trained churn model as stored and scored: the encoder (how table columns become inputs), the
 * fitted model and its Platt calibration. `predict` is the TypeScript reference the exported ONNX
 * file must reproduce (tested to 1e-6).
 */
import { encode, type EncoderSpec, type FeatureTable, type Matrix } from './feature-table.ts';
import { calibrated, type PlattCalibration } from './calibration.ts';
import { gbtContributions, gbtMargins, type GbtModel } from './gbt.ts';
import { logisticMargins, type LogisticModel } from './logistic.ts';

export interface ChurnModel {
  readonly encoder: EncoderSpec;
  readonly model: GbtModel | LogisticModel;
  readonly calibration: PlattCalibration;
}

export function margins(m: ChurnModel, x: Matrix): Float64Array {
  return m.model.kind === 'gbt' ? gbtMargins(m.model, x) : logisticMargins(m.model, x);
}

/** Calibrated probabilities for an encoded matrix. */
export function predictMatrix(m: ChurnModel, x: Matrix): Float64Array {
  return margins(m, x).map((z) => calibrated(m.calibration, z));
}

export function predict(m: ChurnModel, table: FeatureTable): Float64Array {
  return predictMatrix(m, encode(m.encoder, table));
}

/**
 * Each encoded input's share of one row's calibrated log-odds (a·contribution); with `bias` they add
 * up to the row's log-odds. Trees: path attribution; logistic: coefficient × (value − training mean
 * is not kept, so relative to zero) — callers rank by size.
 */
export function contributions(m: ChurnModel, x: Matrix, row: number): { bias: number; contributions: Float64Array } {
  const at = row * x.width;
  if (m.model.kind === 'gbt') {
    const c = gbtContributions(m.model, x.data, at);
    return { bias: m.calibration.a * c.bias + m.calibration.b, contributions: c.contributions.map((v) => v * m.calibration.a) };
  }
  const coefficients = m.model.coefficients;
  const out = new Float64Array(x.width);
  for (let f = 0; f < x.width; f++) out[f] = m.calibration.a * coefficients[f] * x.data[at + f];
  return { bias: m.calibration.a * m.model.intercept + m.calibration.b, contributions: out };
}
