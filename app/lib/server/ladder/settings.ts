import { fraction } from '../escalation/index.ts';
import type { Fraction } from '../escalation/index.ts';

/**
 * Settings of the ladder analytics, in code until the policy gets an admin screen. Both are shown
 * on the page beside the figures they change.
 */
export interface LadderSettings {
  /**
   * The collection agency's contingency fee: its share of what it recovers after a hand-off.
   * 25 % is a common contingency rate for consumer and small-business debt; change it to your contract's.
   */
  readonly agencyFeeRate: Fraction;
  /** A debt counts as cured when what remains of it is at most this share of the amount reached. */
  readonly cureTolerance: Fraction;
}

export const LADDER_SETTINGS: LadderSettings = {
  agencyFeeRate: fraction(25n, 100n),
  cureTolerance: fraction(1n, 100n),
};
