/**
 * The retention-bonus policy: which customers at churn risk are offered a bonus credit, how much,
 * and who is held out so the effect can be measured. Pure: the server feeds it the latest scores,
 * the bonus history and today's date, and stores what it returns.
 *
 * Rules, in order:
 *  - eligible: band and value tier give a non-zero amount; not excluded (open collections case,
 *    excluded segment, tenure below the minimum); no bonus proposed, approved or held out for the
 *    customer in the last `cooldownDays` days (a rejected proposal does not count).
 *  - amount: `shareBp[band][tier]` basis points of one month's MRR, rounded half up, in the
 *    customer's currency, at most `maxBonusMinor[currency]` per bonus. Value tier: the customer's MRR among scored customers of the same currency
 *    (top 20 % "top", next 30 % "middle", rest "base").
 *  - priority: highest probability first, then highest MRR.
 *  - holdout: a fixed share of eligible customers, drawn by a hash of (run, customer) so the draw
 *    is random with respect to the customer yet reproducible, gets no bonus. A holdout customer is
 *    recorded only if an offer would still have fitted the budget, so both groups are alike.
 *  - budget: per currency and calendar month, offers proposed or approved (not rejected) never sum
 *    above `monthlyBudgetMinor[currency]`; a currency without a budget gets no offers.
 */

export type RiskBand = 'low' | 'medium' | 'high';
export type ValueTier = 'top' | 'middle' | 'base';

export interface BonusPolicy {
  /** Basis points of one month's MRR, by band and value tier (0 = no bonus). */
  readonly shareBp: Readonly<Record<RiskBand, Readonly<Record<ValueTier, number>>>>;
  /** Per ISO currency, in minor units, per calendar month. */
  readonly monthlyBudgetMinor: Readonly<Record<string, string>>;
  /** Largest single bonus per ISO currency, in minor units (a currency missing here: no cap). */
  readonly maxBonusMinor: Readonly<Record<string, string>>;
  readonly cooldownDays: number;
  /** Share of eligible customers held out (0–0.5). */
  readonly holdoutShare: number;
  readonly excludeOpenCollectionsCase: boolean;
  readonly excludeSegments: readonly string[];
  readonly minTenureMonths: number;
  /** Days after the proposal at which the outcome is read (stayed or churned). */
  readonly observationDays: number;
}

export const DEFAULT_BONUS_POLICY: BonusPolicy = {
  shareBp: {
    high: { top: 3000, middle: 2000, base: 1000 },
    medium: { top: 1000, middle: 500, base: 0 },
    low: { top: 0, middle: 0, base: 0 },
  },
  monthlyBudgetMinor: { RUB: '10000000', USD: '100000', EUR: '100000' },
  maxBonusMinor: { RUB: '500000', USD: '5000', EUR: '5000' },
  cooldownDays: 90,
  holdoutShare: 0.2,
  excludeOpenCollectionsCase: true,
  excludeSegments: [],
  minTenureMonths: 3,
  observationDays: 90,
};

export interface BonusCandidate {
  readonly customerId: string;
  readonly probability: number;
  readonly band: RiskBand;
  readonly mrrMinor: bigint;
  readonly currency: string;
  readonly segment: string;
  readonly tenureMonths: number;
  readonly inCollections: boolean;
}

/** A bonus already on record (any status), as the policy needs it. */
export interface BonusHistoryEntry {
  readonly customerId: string;
  /** YYYY-MM-DD */
  readonly proposedOn: string;
  readonly arm: 'offer' | 'holdout';
  readonly status: 'proposed' | 'approved' | 'rejected' | 'holdout';
  readonly amountMinor: bigint;
  readonly currency: string;
}

export interface BonusDecision {
  readonly customerId: string;
  readonly arm: 'offer' | 'holdout';
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly tier: ValueTier;
  readonly band: RiskBand;
  readonly probability: number;
  readonly mrrMinor: bigint;
}

export class BonusPolicyError extends Error {
  readonly code = 'BONUS_POLICY_INVALID';
  readonly status = 400;
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

export function validateBonusPolicy(p: BonusPolicy): void {
  if (!Number.isInteger(p.cooldownDays) || p.cooldownDays < 0 || p.cooldownDays > 730) throw new BonusPolicyError('cooldown must be 0–730 days');
  if (!(p.holdoutShare >= 0 && p.holdoutShare <= 0.5)) throw new BonusPolicyError('the holdout share must be between 0 and 0.5');
  if (!Number.isInteger(p.observationDays) || p.observationDays < 7 || p.observationDays > 730) throw new BonusPolicyError('observation must be 7–730 days');
  for (const [currency, budget] of Object.entries(p.monthlyBudgetMinor)) {
    if (!/^[A-Z]{3}$/.test(currency)) throw new BonusPolicyError(`"${currency}" is not an ISO currency code`);
    if (!/^\d{1,15}$/.test(budget)) throw new BonusPolicyError(`the ${currency} budget must be a whole number of minor units`);
  }
  for (const [currency, cap] of Object.entries(p.maxBonusMinor ?? {})) {
    if (!/^[A-Z]{3}$/.test(currency) || !/^\d{1,15}$/.test(cap)) throw new BonusPolicyError(`the ${currency} bonus cap must be a whole number of minor units`);
  }
  for (const band of Object.values(p.shareBp)) {
    for (const bp of Object.values(band)) if (!Number.isInteger(bp) || bp < 0 || bp > 20_000) throw new BonusPolicyError('bonus shares must be 0–20000 basis points of a month');
  }
}

/** Value tier of each candidate: MRR rank within its currency. */
export function valueTiers(candidates: readonly BonusCandidate[]): Map<string, ValueTier> {
  const out = new Map<string, ValueTier>();
  const byCurrency = new Map<string, BonusCandidate[]>();
  for (const c of candidates) byCurrency.set(c.currency, [...(byCurrency.get(c.currency) ?? []), c]);
  for (const list of byCurrency.values()) {
    const sorted = [...list].sort((a, b) => (b.mrrMinor > a.mrrMinor ? 1 : b.mrrMinor < a.mrrMinor ? -1 : a.customerId < b.customerId ? -1 : 1));
    sorted.forEach((c, i) => out.set(c.customerId, i < sorted.length * 0.2 ? 'top' : i < sorted.length * 0.5 ? 'middle' : 'base'));
  }
  return out;
}

/** A number in [0, 1) from a string (FNV-1a, 32 bit): the holdout draw. */
export function stableUniform(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

export const bonusAmount = (mrrMinor: bigint, shareBp: number): bigint => (mrrMinor * BigInt(shareBp) + 5000n) / 10000n;

/**
 * Today's decisions for the given candidates. `history` is every bonus on record; `drawKey` makes
 * the holdout draw (the scoring run id). Never returns two decisions for one customer.
 */
export function proposeBonuses(policy: BonusPolicy, candidates: readonly BonusCandidate[], history: readonly BonusHistoryEntry[], today: string, drawKey: string): BonusDecision[] {
  const todayN = dayNumber(today);
  const month = today.slice(0, 7);
  const spent = new Map<string, bigint>();
  const cooling = new Set<string>();
  for (const h of history) {
    if (h.status !== 'rejected' && todayN - dayNumber(h.proposedOn) < policy.cooldownDays) cooling.add(h.customerId);
    if (h.arm === 'offer' && h.status !== 'rejected' && h.proposedOn.slice(0, 7) === month) spent.set(h.currency, (spent.get(h.currency) ?? 0n) + h.amountMinor);
  }
  const tiers = valueTiers(candidates);
  const ordered = [...candidates].sort((a, b) => b.probability - a.probability || (b.mrrMinor > a.mrrMinor ? 1 : b.mrrMinor < a.mrrMinor ? -1 : 0) || (a.customerId < b.customerId ? -1 : 1));
  const out: BonusDecision[] = [];
  for (const c of ordered) {
    if (cooling.has(c.customerId)) continue;
    if (policy.excludeOpenCollectionsCase && c.inCollections) continue;
    if (policy.excludeSegments.includes(c.segment) || c.tenureMonths < policy.minTenureMonths) continue;
    const tier = tiers.get(c.customerId)!;
    const cap = policy.maxBonusMinor?.[c.currency];
    const share = bonusAmount(c.mrrMinor, policy.shareBp[c.band][tier]);
    const amount = cap !== undefined && share > BigInt(cap) ? BigInt(cap) : share;
    if (amount <= 0n) continue;
    const budget = policy.monthlyBudgetMinor[c.currency];
    if (budget === undefined) continue;
    const room = BigInt(budget) - (spent.get(c.currency) ?? 0n);
    if (amount > room) continue;
    const arm = stableUniform(`${drawKey}:${c.customerId}`) < policy.holdoutShare ? 'holdout' : 'offer';
    if (arm === 'offer') spent.set(c.currency, (spent.get(c.currency) ?? 0n) + amount);
    cooling.add(c.customerId);
    out.push({ customerId: c.customerId, arm, amountMinor: arm === 'offer' ? amount : 0n, currency: c.currency, tier, band: c.band, probability: c.probability, mrrMinor: c.mrrMinor });
  }
  return out;
}
