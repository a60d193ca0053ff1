/**
 * Measured uplift of retention bonuses: share of customers who stayed through the observation
 * window with an offer vs without (the random holdout), with a 95 % confidence interval for the
 * difference (normal approximation: Wald interval on two independent proportions). Intention to
 * treat: every offer counts, approved or rejected, because staff choose which to approve and that
 * choice is not random.
 */
export interface ArmOutcomes {
  readonly stayed: number;
  readonly churned: number;
}

export interface Uplift {
  readonly offer: ArmOutcomes & { readonly retention: number | null };
  readonly holdout: ArmOutcomes & { readonly retention: number | null };
  /** Retention with offer − without, in share points (0–1); null until both arms have outcomes. */
  readonly difference: number | null;
  readonly ci95: readonly [number, number] | null;
  /** True when both arms have at least `minPerArm` outcomes; before that the interval is too wide to act on. */
  readonly enough: boolean;
}

const Z95 = 1.959963984540054;

export function measureUplift(offer: ArmOutcomes, holdout: ArmOutcomes, minPerArm = 30): Uplift {
  const rate = (a: ArmOutcomes) => (a.stayed + a.churned > 0 ? a.stayed / (a.stayed + a.churned) : null);
  const p1 = rate(offer);
  const p2 = rate(holdout);
  const n1 = offer.stayed + offer.churned;
  const n2 = holdout.stayed + holdout.churned;
  let difference: number | null = null;
  let ci95: [number, number] | null = null;
  if (p1 !== null && p2 !== null) {
    difference = p1 - p2;
    const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
    ci95 = [difference - Z95 * se, difference + Z95 * se];
  }
  return { offer: { ...offer, retention: p1 }, holdout: { ...holdout, retention: p2 }, difference, ci95, enough: n1 >= minPerArm && n2 >= minPerArm };
}
