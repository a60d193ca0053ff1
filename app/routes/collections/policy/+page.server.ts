import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { formFailure, formMessage } from '$lib/server/collections/forms.ts';
import { PolicyConflictError } from '$lib/server/collections/policy-errors.ts';
import { policyFromForm } from '$lib/server/collections/policy-form.ts';
import { loadPolicyPage } from '$lib/server/collections/policy-page.ts';
import { MAX_PREVIEW_CASES, previewPolicy } from '$lib/server/collections/policy-preview.ts';
import { loadActivePolicy, savePolicyVersion } from '$lib/server/collections/policy-store.ts';
import { addRate } from '$lib/server/collections/rate-store.ts';
import { assignableStaff, ensureStaff, signedInStaff } from '$lib/server/collections/staff.ts';
import { EscalationError } from '$lib/server/escalation/index.ts';
import { businessToday } from '$lib/server/receivables/dates.ts';
import { getServices } from '$lib/server/services.ts';
import { WorkbenchInputError } from '$lib/server/workbench/index.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const { workbench, config } = getServices();
  const staff = await ensureStaff(workbench.db);
  const me = signedInStaff(staff, locals.principal);
  return {
    page: await loadPolicyPage(workbench.db),
    staff: assignableStaff(staff).map((s) => ({ id: s.id.toString(), name: s.name })),
    me: me ? { id: me.id.toString(), name: me.name } : null,
    maxPreviewCases: MAX_PREVIEW_CASES,
    timezone: config.timezone,
  };
};

async function actor(event: RequestEvent): Promise<string> {
  const me = signedInStaff(await ensureStaff(getServices().workbench.db), event.locals.principal);
  if (!me) throw new WorkbenchInputError(m.cl_err_no_staff());
  return me.email;
}

/** The posted editor form, parsed against the active version; fail(400) with every problem when it does not make a policy. */
async function parsed(event: RequestEvent) {
  const form = await event.request.formData();
  const active = await loadActivePolicy(getServices().workbench.db);
  const result = policyFromForm(form, active.policy, active.rateTables);
  return { form, active, result };
}

export const actions: Actions = {
  /** Dry run of the edited policy against today's top open cases, beside the active version; records nothing. */
  preview: async (event) => {
    const { form, active, result } = await parsed(event);
    if (!result.policy || result.problems.length) return fail(400, { form: 'policy', code: 'POLICY_INVALID', message: m.cl_err_fix_fields(), problems: result.problems });
    const sizeText = String(form.get('sampleSize') ?? '10');
    const sampleSize = /^\d{1,3}$/.test(sizeText) ? Number(sizeText) : NaN;
    if (!(sampleSize >= 1 && sampleSize <= MAX_PREVIEW_CASES)) {
      return fail(400, { form: 'policy', code: 'PREVIEW_SIZE', message: m.cl_err_preview_size({ max: MAX_PREVIEW_CASES }), problems: [] });
    }
    const { warehouse, workbench, config } = getServices();
    try {
      const preview = await previewPolicy(warehouse, workbench.db, {
        today: businessToday(config.timezone), timezone: config.timezone, sampleSize, active: active.policy, edited: result.policy, rateTables: active.rateTables,
      });
      return { preview: { ...preview, baseVersion: active.version } };
    } catch (err) {
      if (err instanceof EscalationError) return fail(400, { form: 'policy', code: err.code, message: m.cl_err_cannot_run({ why: err.message }), problems: [] });
      throw err;
    }
  },

  /** Saves the edited policy as a new version on top of the version the editor started from. */
  save: async (event) => {
    const { result } = await parsed(event);
    if (!result.policy || result.problems.length || result.baseVersion === null) {
      return fail(400, { form: 'policy', code: 'POLICY_INVALID', message: m.cl_err_nothing_saved(), problems: result.problems });
    }
    try {
      const saved = await savePolicyVersion(getServices().workbench.db, { policy: result.policy, baseVersion: result.baseVersion, actor: await actor(event), comment: result.comment });
      return { saved: { version: saved.version } };
    } catch (err) {
      if (err instanceof PolicyConflictError) return fail(409, { form: 'policy', code: err.code, message: formMessage(err), problems: [] });
      return formFailure('policy', err);
    }
  },

  /** Adds a dated rate to a rate table (or corrects the rate of a date). */
  addRate: async (event) => {
    const form = await event.request.formData();
    try {
      const entry = await addRate(getServices().workbench.db, {
        tableId: String(form.get('tableId') ?? ''),
        effectiveFrom: String(form.get('effectiveFrom') ?? '').trim(),
        percent: String(form.get('percent') ?? ''),
        note: String(form.get('note') ?? ''),
        actor: await actor(event),
      });
      return { rateAdded: { form: 'rate', from: entry.effective_from } };
    } catch (err) {
      return formFailure('rate', err);
    }
  },
};
