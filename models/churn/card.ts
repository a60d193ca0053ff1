/**
 * The model card kept beside each exported model (card.json): what the model was trained on, how
 * well it did on rows it never saw, how its probabilities line up with what happened, which
 * features matter, and the checks it had to pass before being used. The /models/churn page shows it.
 */
import type { EncoderSpec } from './feature-table.ts';
import type { CalibrationBin } from './metrics.ts';
import type { PlattCalibration } from './calibration.ts';
import type { ReferenceValues } from './explain.ts';

export interface SplitSummary {
  /** UTC instants of the first and last feature cut-off (start of the month after, business time zone). */
  readonly firstCutoff: string;
  readonly lastCutoff: string;
  /** The months whose end those cut-offs are, 'YYYY-MM'. */
  readonly firstMonth: string;
  readonly lastMonth: string;
  readonly rows: number;
  readonly positives: number;
}

export interface GateCheck {
  readonly name: string;
  readonly value: number;
  readonly threshold: number;
  readonly comparison: '>=' | '<=';
  readonly ok: boolean;
}

/** Risk bands by probability; thresholds from the holdout scores (top 10 % high, next 20 % medium). */
export interface RiskBands {
  readonly mediumFrom: number;
  readonly highFrom: number;
}

export type RiskBand = 'low' | 'medium' | 'high';

export function riskBand(bands: RiskBands, probability: number): RiskBand {
  return probability >= bands.highFrom ? 'high' : probability >= bands.mediumFrom ? 'medium' : 'low';
}

export interface ModelCard {
  readonly schema: 1;
  readonly modelId: string;
  readonly trainedAt: string;
  readonly algorithm: string;
  readonly target: string;
  readonly horizonMonths: number;
  readonly dataSource: string;
  readonly split: { readonly train: SplitSummary; readonly validation: SplitSummary; readonly holdout: SplitSummary };
  readonly features: { readonly numeric: readonly string[]; readonly categorical: readonly string[]; readonly encodedCount: number };
  readonly encoder: EncoderSpec;
  readonly reference: ReferenceValues;
  readonly hyperparameters: Readonly<Record<string, number | boolean>>;
  readonly calibration: PlattCalibration;
  readonly metrics: {
    readonly holdout: { readonly rocAuc: number; readonly prAuc: number; readonly logLoss: number; readonly brier: number; readonly baseRate: number };
    readonly validationRocAuc: number;
    readonly logisticBaselineHoldout: { readonly rocAuc: number; readonly prAuc: number };
  };
  readonly calibrationTable: readonly CalibrationBin[];
  readonly bands: RiskBands & { readonly holdoutChurnRate: Readonly<Record<RiskBand, number>> };
  readonly topFeatures: readonly { readonly column: string; readonly meanAbsDelta: number; readonly meanDelta: number }[];
  readonly gates: { readonly passed: boolean; readonly checks: readonly GateCheck[] };
  readonly onnx: { readonly file: string; readonly sha256: string; readonly opsets: Readonly<Record<string, number>>; readonly maxAbsDiffVsTypeScript: number };
}
