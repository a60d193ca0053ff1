import { currentLocale } from '$lib/i18n/locale.ts';
import { churnFeatureDefinitions } from '$lib/server/churn/feature-definitions.ts';
import { latestRun, modelInUse, topRiskCustomers } from '$lib/server/churn/risk-views.ts';
import { getServices } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
  const services = getServices();
  const { card, source } = modelInUse(services.config.dataDir);
  const run = await latestRun(services.workbench.db);
  const top = run ? await topRiskCustomers(services.workbench.db, run.id) : [];
  return {
    card, source, run, definitions: churnFeatureDefinitions(currentLocale()),
    top: top.map((t) => ({ ...t, mrr_minor: t.mrr_minor.toString(), reasons: t.reasons as unknown as { column: string; delta: number; value: string | number | null }[] })),
  };
};
