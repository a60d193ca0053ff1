import { fail } from '@sveltejs/kit';
import { policyFromForm } from '$lib/churn/policy-form.ts';
import { BonusPolicyError } from '$lib/churn/bonus-policy.ts';
import { BonusDecisionError, bonusPage, currentBonusPolicy, decideBonus, saveBonusPolicy } from '$lib/server/churn/bonuses.ts';
import { latestRun } from '$lib/server/churn/risk-views.ts';
import { businessToday } from '$lib/server/receivables/dates.ts';
import { getServices } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
  const services = getServices();
  const today = businessToday(services.config.timezone);
  const [page, run] = await Promise.all([bonusPage(services.workbench.db, today), latestRun(services.workbench.db)]);
  return { page, today, run, timezone: services.config.timezone };
};

const text = (form: FormData, name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : undefined);

// Known limitation: until sign-in lands (issue 8) the decider is the name typed in the form.
export const actions: Actions = {
  decide: async ({ request }) => {
    const form = await request.formData();
    const id = text(form, 'id') ?? '';
    const decision = text(form, 'decision');
    const by = (text(form, 'by') ?? '').trim();
    const note = (text(form, 'note') ?? '').trim() || null;
    if (!/^\d{1,18}$/.test(id)) return fail(400, { form: 'decide', message: `"${id}" is not a bonus id` });
    if (decision !== 'approve' && decision !== 'reject') return fail(400, { form: 'decide', message: 'Choose approve or reject' });
    if (!by) return fail(400, { form: 'decide', message: 'Type your name in "Decided by" first' });
    try {
      await decideBonus(getServices().workbench.db, BigInt(id), decision, by.slice(0, 100), note);
      return { form: 'decide', done: `${decision === 'approve' ? 'Approved' : 'Rejected'} bonus ${id}`, by };
    } catch (err) {
      if (err instanceof BonusDecisionError) return fail(err.status, { form: 'decide', message: err.message });
      throw err;
    }
  },
  policy: async ({ request }) => {
    const form = await request.formData();
    const db = getServices().workbench.db;
    const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const next = policyFromForm(await currentBonusPolicy(db), fields);
    if (typeof next === 'string') return fail(400, { form: 'policy', message: next });
    try {
      await saveBonusPolicy(db, next, 'web');
    } catch (err) {
      if (err instanceof BonusPolicyError) return fail(400, { form: 'policy', message: err.message });
      throw err;
    }
    return { form: 'policy', done: 'Policy saved; it applies from the next proposals (after the next sync).' };
  },
};
