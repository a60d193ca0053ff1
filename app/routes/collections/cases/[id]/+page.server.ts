import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { loadCasePage, requireCaseAction, requireCustomerInvoice } from '$lib/server/collections/case-page.ts';
import { contactInput, formFailure, formId, formVersion, parseMajorAmount, requiredText } from '$lib/server/collections/forms.ts';
import { assignableStaff, ensureStaff, mayOpenCase, signedInStaff } from '$lib/server/collections/staff.ts';
import { getServices } from '$lib/server/services.ts';
import { addNote, approveAction, CaseNotFoundError, logContact, openDispute, recordPromise, resolveDispute, skipAction, WorkbenchInputError } from '$lib/server/workbench/index.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function caseIdOf(param: string): bigint {
  if (!/^\d{1,18}$/.test(param)) error(404, { message: m.cl_err_case_not_found({ id: param }) });
  return BigInt(param);
}

export const load: PageServerLoad = async ({ params, locals }) => {
  const { warehouse, workbench, config } = getServices();
  const staff = await ensureStaff(workbench.db);
  const me = signedInStaff(staff, locals.principal);
  if (!(await mayOpenCase(workbench.db, caseIdOf(params.id), me))) error(403, { message: m.cl_err_not_your_case(), code: 'FORBIDDEN' });
  try {
    const casePage = await loadCasePage(warehouse, workbench.db, caseIdOf(params.id), { timezone: config.timezone });
    const names = Object.fromEntries(staff.map((s) => [s.id.toString(), s.name]));
    return {
      casePage,
      staff: assignableStaff(staff).map((s) => ({ id: s.id.toString(), name: s.name })),
      me: me ? { id: me.id.toString(), name: me.name } : null,
      staffNames: names,
      timezone: config.timezone,
    };
  } catch (err) {
    if (err instanceof CaseNotFoundError) error(404, { message: m.cl_err_case_not_found({ id: err.caseId.toString() }) });
    throw err;
  }
};

/** Runs one case change as the current collector; workbench errors (CASE_CONFLICT above all) become the form's error. */
async function change(event: RequestEvent, name: string, run: (form: FormData, ctx: { actor: string; expectedVersion: number }, caseId: bigint) => Promise<unknown>) {
  const form = await event.request.formData();
  try {
    const me = signedInStaff(await ensureStaff(getServices().workbench.db), event.locals.principal);
    if (!me) throw new WorkbenchInputError(m.cl_err_sign_in());
    if (!(await mayOpenCase(getServices().workbench.db, caseIdOf(event.params.id), me))) throw new WorkbenchInputError(m.cl_err_not_your_case());
    await run(form, { actor: me.email, expectedVersion: formVersion(form) }, caseIdOf(event.params.id));
    return { saved: name };
  } catch (err) {
    return formFailure(name, err);
  }
}

export const actions: Actions = {
  contact: (event) => change(event, 'contact', (form, ctx, caseId) => logContact(getServices().workbench.db, caseId, contactInput(form), ctx)),
  note: (event) => change(event, 'note', (form, ctx, caseId) => addNote(getServices().workbench.db, caseId, requiredText(form, 'body'), ctx)),
  promise: (event) =>
    change(event, 'promise', (form, ctx, caseId) => {
      const currency = requiredText(form, 'currency').toUpperCase();
      return recordPromise(getServices().workbench.db, caseId, { amountMinor: parseMajorAmount(requiredText(form, 'amount'), currency), currency, promisedDate: requiredText(form, 'date') }, ctx);
    }),
  approve: (event) =>
    change(event, 'action', async (form, ctx, caseId) => {
      const db = getServices().workbench.db;
      return approveAction(db, await requireCaseAction(db, caseId, formId(form, 'actionId')), ctx.actor, ctx.expectedVersion);
    }),
  dispute: (event) =>
    change(event, 'dispute', async (form, ctx, caseId) => {
      const { warehouse, workbench } = getServices();
      const c = await workbench.db.selectFrom('cases').select('customer_id').where('id', '=', caseId).executeTakeFirst();
      if (!c) throw new CaseNotFoundError(caseId);
      const invoiceId = await requireCustomerInvoice(warehouse, c.customer_id, requiredText(form, 'invoiceId'));
      return openDispute(workbench.db, caseId, { invoiceId, reason: requiredText(form, 'reason') }, ctx);
    }),
  resolveDispute: (event) =>
    change(event, 'dispute', (form, ctx, caseId) => resolveDispute(getServices().workbench.db, caseId, formId(form, 'disputeId'), requiredText(form, 'resolution'), ctx)),
  skip: (event) =>
    change(event, 'action', async (form, ctx, caseId) => {
      const db = getServices().workbench.db;
      return skipAction(db, await requireCaseAction(db, caseId, formId(form, 'actionId')), ctx.actor, ctx.expectedVersion);
    }),
};
