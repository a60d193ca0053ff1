/** The demo business's price list: a telecom operator that also sells a SaaS product. */

export type Currency = 'RUB' | 'USD' | 'EUR';
export type Segment = 'consumer' | 'smb' | 'enterprise';
export type UsageService = 'voice' | 'sms' | 'data' | 'tv' | 'api';

export interface UsageTariff {
  readonly service: UsageService;
  readonly unit: 'minute' | 'message' | 'mb' | 'hour' | 'call';
  /** Included per line per month before overage applies. */
  readonly included: number;
  /** Overage price in minor units per `per` units. */
  readonly overageMinor: number;
  readonly per: number;
  /** Typical monthly use per line (median), in units. */
  readonly typicalUse: number;
}

export interface PlanSpec {
  readonly code: string;
  readonly name: string;
  readonly kind: 'subscription' | 'usage' | 'hybrid';
  readonly billingPeriodMonths: number;
  /** Price per billing period per unit, in RUB minor units; other currencies derive from it. */
  readonly priceRubMinor: number;
  readonly usage: readonly UsageTariff[];
  readonly family: 'mobile' | 'home' | 'saas' | 'payg';
  /** Rank inside the family: moving to a higher rank is an upgrade. */
  readonly rank: number;
}

const voice = (included: number, typicalUse: number): UsageTariff => ({ service: 'voice', unit: 'minute', included, overageMinor: 250, per: 1, typicalUse });
const sms = (included: number, typicalUse: number): UsageTariff => ({ service: 'sms', unit: 'message', included, overageMinor: 200, per: 1, typicalUse });
const data = (includedMb: number, typicalUse: number): UsageTariff => ({ service: 'data', unit: 'mb', included: includedMb, overageMinor: 10000, per: 1024, typicalUse });

export const PLANS: readonly PlanSpec[] = [
  { code: 'MOB-S', name: 'Mobile S', kind: 'hybrid', billingPeriodMonths: 1, priceRubMinor: 45000, usage: [voice(300, 260), sms(100, 40), data(5120, 4200)], family: 'mobile', rank: 1 },
  { code: 'MOB-M', name: 'Mobile M', kind: 'hybrid', billingPeriodMonths: 1, priceRubMinor: 75000, usage: [voice(800, 520), sms(300, 60), data(20480, 14000)], family: 'mobile', rank: 2 },
  { code: 'MOB-L', name: 'Mobile L', kind: 'hybrid', billingPeriodMonths: 1, priceRubMinor: 120000, usage: [voice(2000, 900), sms(1000, 80), data(51200, 30000)], family: 'mobile', rank: 3 },
  { code: 'PAYG', name: 'Pay as you go', kind: 'usage', billingPeriodMonths: 1, priceRubMinor: 0, usage: [voice(0, 90), sms(0, 20), data(0, 900)], family: 'payg', rank: 0 },
  { code: 'HOME-NET', name: 'Home Internet 500', kind: 'subscription', billingPeriodMonths: 1, priceRubMinor: 65000, usage: [], family: 'home', rank: 1 },
  { code: 'HOME-NET-TV', name: 'Home Internet + TV', kind: 'hybrid', billingPeriodMonths: 1, priceRubMinor: 99000, usage: [{ service: 'tv', unit: 'hour', included: 10000, overageMinor: 0, per: 1, typicalUse: 70 }], family: 'home', rank: 2 },
  { code: 'BIZ-MOB', name: 'Business Mobile (per line)', kind: 'hybrid', billingPeriodMonths: 1, priceRubMinor: 90000, usage: [voice(1500, 1100), sms(500, 90), data(30720, 16000)], family: 'mobile', rank: 4 },
  { code: 'SAAS-START', name: 'Cloud PBX Starter', kind: 'subscription', billingPeriodMonths: 1, priceRubMinor: 199000, usage: [], family: 'saas', rank: 1 },
  { code: 'SAAS-PRO', name: 'Cloud PBX Pro (per seat)', kind: 'hybrid', billingPeriodMonths: 1, priceRubMinor: 49000, usage: [{ service: 'api', unit: 'call', included: 10000, overageMinor: 5000, per: 1000, typicalUse: 8000 }], family: 'saas', rank: 2 },
  { code: 'SAAS-PRO-Y', name: 'Cloud PBX Pro, yearly (per seat)', kind: 'subscription', billingPeriodMonths: 12, priceRubMinor: 490000, usage: [], family: 'saas', rank: 3 },
];

/** Minor units per 1 RUB minor unit, rounded to whole prices the way a price list would be. */
const FX: Record<Currency, number> = { RUB: 1, USD: 1 / 90, EUR: 1 / 98 };

export function priceIn(currency: Currency, rubMinor: number): number {
  if (currency === 'RUB') return rubMinor;
  return Math.round((rubMinor * FX[currency]) / 10) * 10; // whole 10 cents
}

export function planId(code: string, currency: Currency): string {
  return `plan_${code.toLowerCase().replace(/-/g, '_')}_${currency.toLowerCase()}`;
}

/** VAT the demo business charges: 20 % in Russia, none on export sales in USD/EUR. */
export function taxRate(currency: Currency): number {
  return currency === 'RUB' ? 0.2 : 0;
}

export const REGIONS_RU = ['Moscow', 'St Petersburg', 'Volga', 'Urals', 'Siberia', 'South', 'Far East'] as const;
