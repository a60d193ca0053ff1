import { error } from '@sveltejs/kit';
import { bonusPage } from '$lib/server/churn/bonuses.ts';
import { MrrInputError } from '$lib/server/mrr/errors.ts';
import { loadRetentionPage } from '$lib/server/mrr/pages.ts';
import { businessToday } from '$lib/server/receivables/dates.ts';
import { getServices } from '$lib/server/services.ts';
import { pageErrorMessage } from '$lib/server/revenue/page-error.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const { warehouse, workbench, config } = getServices();
  try {
    const [retention, bonuses] = await Promise.all([
      loadRetentionPage(warehouse, url.searchParams),
      bonusPage(workbench.db, businessToday(config.timezone)),
    ]);
    // The retention-bonus programme's headline beside the retention figures it is meant to move.
    return { retention, bonuses: { uplift: bonuses.uplift, counts: bonuses.counts, budget: bonuses.budget, month: bonuses.month, awaitingOutcome: bonuses.awaitingOutcome } };
  } catch (err) {
    if (err instanceof MrrInputError) error(400, { message: pageErrorMessage(err), code: err.code });
    throw err;
  }
};
