import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
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

/** A decision refused, in the request's language (not-found and already-decided say so; bad input keeps its words). */
function decisionMessage(err: BonusDecisionError, id: string): string {
  if (err.code === 'BONUS_NOT_FOUND') return m.cl_bonus_err_not_found({ id });
  if (err.code === 'BONUS_ALREADY_DECIDED') return m.cl_bonus_err_decided({ id });
  return err.message;
}

// Known limitation: until sign-in lands (issue 8) the decider is the name typed in the form.
export const actions: Actions = {
  decide: async ({ request }) => {
    const form = await request.formData();
    const id = text(form, 'id') ?? '';
    const decision = text(form, 'decision');
    const by = (text(form, 'by') ?? '').trim();
    const note = (text(form, 'note') ?? '').trim() || null;
    if (!/^\d{1,18}$/.test(id)) return fail(400, { form: 'decide', message: m.cl_bonus_err_id({ id }) });
    if (decision !== 'approve' && decision !== 'reject') return fail(400, { form: 'decide', message: m.cl_bonus_err_choose() });
    if (!by) return fail(400, { form: 'decide', message: m.cl_bonus_err_name() });
    try {
      await decideBonus(getServices().workbench.db, BigInt(id), decision, by.slice(0, 100), note);
      return { form: 'decide', done: (decision === 'approve' ? m.cl_bonus_done_approved : m.cl_bonus_done_rejected)({ id }), by };
    } catch (err) {
      if (err instanceof BonusDecisionError) return fail(err.status, { form: 'decide', message: decisionMessage(err, id) });
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
    return { form: 'policy', done: m.cl_bonus_policy_saved() };
  },
};
