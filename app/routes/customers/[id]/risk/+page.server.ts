import { error } from '@sveltejs/kit';
import { currentLocale } from '$lib/i18n/locale.ts';
import { churnFeatureDefinitions } from '$lib/server/churn/feature-definitions.ts';
import { ChurnInputError, ChurnNotFoundError, customerRisk } from '$lib/server/churn/risk-views.ts';
import { getServices } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
  try {
    const risk = await customerRisk(getServices().workbench.db, params.id);
    return { risk: { ...risk, mrrMinor: risk.mrrMinor.toString(), run: { ...risk.run, id: risk.run.id.toString() } }, definitions: churnFeatureDefinitions(currentLocale()) };
  } catch (err) {
    if (err instanceof ChurnInputError) error(400, err.message);
    if (err instanceof ChurnNotFoundError) error(404, err.message);
    throw err;
  }
};
