import type { MrrSettings } from '../server/mrr/types.ts';

/** The defaults of the MRR settings (sql/queries/mrr_customer_movements.sql states them too). */
export const DEFAULT_SETTINGS: MrrSettings = { pastDueChurnDays: null, usageInMrr: false, trials: 'exclude', freePlans: 'exclude' };

/** The settings as query parameters, defaults left out (so default links stay short). Pure: also used in the browser. */
export function settingsSearch(settings: MrrSettings): Record<string, string> {
  const out: Record<string, string> = {};
  if (settings.pastDueChurnDays !== null) out.past_due_churn_days = String(settings.pastDueChurnDays);
  if (settings.usageInMrr) out.usage_in_mrr = 'on';
  if (settings.trials !== DEFAULT_SETTINGS.trials) out.trials = settings.trials;
  if (settings.freePlans !== DEFAULT_SETTINGS.freePlans) out.free_plans = settings.freePlans;
  return out;
}
