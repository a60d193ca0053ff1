/**
 * Time-based split of monthly cut-offs for training, validation and a final holdout, with a gap so
 * that no training label looks into the validation period (and none of validation into the
 * holdout): a row at cut-off t is labelled by what happens up to t + N months, so the next part
 * starts N months later, as it would in production.
 */
export interface TimeSplit<T> {
  readonly train: readonly T[];
  readonly validation: readonly T[];
  readonly holdout: readonly T[];
}

export class TimeSplitError extends Error {
  readonly code = 'NOT_ENOUGH_HISTORY';
}

/**
 * `cutoffs` sorted ascending and one month apart. The last `holdoutMonths` form the holdout, the
 * `validationMonths` before them (less the gap) the validation set, the rest (less the gap) training.
 */
export function splitCutoffs<T>(cutoffs: readonly T[], horizonMonths: number, validationMonths = 3, holdoutMonths = 3, minTrainMonths = 3): TimeSplit<T> {
  const gap = horizonMonths - 1;
  const n = cutoffs.length;
  const holdoutStart = n - holdoutMonths;
  const validationEnd = holdoutStart - gap;
  const validationStart = validationEnd - validationMonths;
  const trainEnd = validationStart - gap;
  if (trainEnd < minTrainMonths) {
    throw new TimeSplitError(`${n} labelled months are too few for a ${horizonMonths}-month horizon: need ${minTrainMonths + validationMonths + holdoutMonths + 2 * gap}`);
  }
  return {
    train: cutoffs.slice(0, trainEnd),
    validation: cutoffs.slice(validationStart, validationEnd),
    holdout: cutoffs.slice(holdoutStart),
  };
}
