import { listValue } from '@duckdb/node-api';
import { error, redirect } from '@sveltejs/kit';
import { describeQueueFilter, parseQueueFilter, QueueFilterError, queueFilterFromTree, queueFilterToTree, queueHref } from '$lib/collections/queue-filter.ts';
import { assignableStaff, ensureStaff, signedInStaff } from '$lib/server/collections/staff.ts';
import type { Principal } from '$lib/server/auth/principal.ts';
import { formFailure, formId, requiredText } from '$lib/server/collections/forms.ts';
import { loadQueuePage, parseQueuePage, PRIORITY_SCORE_DEFINITION } from '$lib/server/collections/queue.ts';
import { businessToday } from '$lib/server/receivables/dates.ts';
import { getServices } from '$lib/server/services.ts';
import { bulkAssign, deleteView, ensureCases, listViews, saveView, WorkbenchInputError, type BulkItem, type SavedView } from '$lib/server/workbench/index.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
  const { warehouse, workbench, config } = getServices();
  const staff = await ensureStaff(workbench.db);
  const me = signedInStaff(staff, locals.principal);
  let filter, page;
  try {
    filter = parseQueueFilter(url.searchParams);
    // A collector limited to their own cases sees only those, whatever the filter says.
    if (me?.own_cases_only) filter = { ...filter, assignee: 'me' as const };
    page = parseQueuePage(url.searchParams);
  } catch (err) {
    if (err instanceof QueueFilterError) error(400, { message: err.message });
    throw err;
  }
  const queue = await loadQueuePage(warehouse, workbench.db, { asOf: businessToday(config.timezone), filter, page, me, staff });
  const views = me ? (await listViews(workbench.db, me.email)).map(viewLink) : [];
  return {
    queue,
    filter,
    filterWords: describeQueueFilter(filter),
    views,
    staff: assignableStaff(staff).map((s) => ({ id: s.id.toString(), name: s.name })),
    me: me ? { id: me.id.toString(), name: me.name, ownCasesOnly: me.own_cases_only } : null,
    scoreDefinition: PRIORITY_SCORE_DEFINITION,
  };
};

/** A saved view as a quick link; a view whose filters no longer read shows why instead of a link. */
function viewLink(view: SavedView): { id: string; name: string; href: string | null; words: string; problem: string | null } {
  try {
    const filter = queueFilterFromTree(view.filters);
    return { id: view.id.toString(), name: view.name, href: queueHref(filter), words: describeQueueFilter(filter), problem: null };
  } catch (err) {
    if (!(err instanceof QueueFilterError)) throw err;
    return { id: view.id.toString(), name: view.name, href: null, words: '', problem: err.message };
  }
}

/** A case is opened only for a customer the warehouse knows (a forged id would make a case for nobody). */
async function requireKnownCustomers(customerIds: readonly string[]): Promise<void> {
  const unique = [...new Set(customerIds)];
  if (unique.length === 0) return;
  const rows = await getServices().warehouse.query<{ id: string }>('SELECT id FROM staging.stg_billing__customers WHERE id IN (SELECT unnest($1::VARCHAR[]))', [listValue(unique)]);
  const known = new Set(rows.map((r) => r.id));
  const unknown = unique.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new WorkbenchInputError(`There is no customer ${unknown.slice(0, 3).map((id) => JSON.stringify(id.slice(0, 40))).join(', ')}${unknown.length > 3 ? ` and ${unknown.length - 3} more` : ''}`);
}

async function currentActor(principal: Principal | null) {
  const staff = await ensureStaff(getServices().workbench.db);
  const me = signedInStaff(staff, principal);
  if (!me) throw new WorkbenchInputError('Sign in as a user to work cases');
  return { staff: assignableStaff(staff), me };
}

export const actions: Actions = {
  /** Makes sure the customer has an open case and goes to it. */
  open: async ({ request, locals }) => {
    const form = await request.formData();
    let caseId: bigint;
    try {
      const { me } = await currentActor(locals.principal);
      const customerId = requiredText(form, 'customerId');
      await requireKnownCustomers([customerId]);
      const result = await ensureCases(getServices().workbench.db, [{ customerId, details: { openedFrom: 'collections queue' } }], { actor: me.email });
      caseId = (result.opened[0] ?? result.existing[0])!.id;
    } catch (err) {
      return formFailure('open', err);
    }
    redirect(303, `/collections/cases/${caseId}`);
  },

  /** Assigns the selected rows (`row` = customerId:version, version empty when no case yet) to `assignee` ('' = unassign). */
  assign: async ({ request, locals }) => {
    const form = await request.formData();
    try {
      const { staff, me } = await currentActor(locals.principal);
      const db = getServices().workbench.db;
      const rows = form.getAll('row').map(String).filter(Boolean);
      if (rows.length === 0) throw new WorkbenchInputError('Select at least one row to assign');
      const assigneeText = String(form.get('assignee') ?? '');
      const assignee = assigneeText === '' ? null : formId(form, 'assignee');
      if (assignee !== null && !staff.some((s) => s.id === assignee)) throw new WorkbenchInputError(`There is no staff member ${assignee}`);
      const parsed = rows.map((r) => {
        const at = r.lastIndexOf(':');
        return { customerId: r.slice(0, at), version: r.slice(at + 1) };
      });
      await requireKnownCustomers(parsed.map((p) => p.customerId));
      const ensured = await ensureCases(db, parsed.map((p) => ({ customerId: p.customerId })), { actor: me.email });
      const caseOf = new Map([...ensured.opened, ...ensured.existing].map((c) => [c.customer_id, c]));
      const items: BulkItem[] = parsed.map((p) => {
        const c = caseOf.get(p.customerId)!;
        // A case opened just now was not on the collector's screen: its fresh version is the one they saw.
        return { caseId: c.id, expectedVersion: p.version === '' ? c.version : Number(p.version) };
      });
      const result = await bulkAssign(db, items, assignee, { actor: me.email });
      return {
        assigned: { form: 'assign', changed: result.changed.length, conflicts: result.conflicts.map((c) => c.message) },
      };
    } catch (err) {
      return formFailure('assign', err);
    }
  },

  /** Saves the filters of the page it was posted from (`filters` = its query string) as the collector's named view. */
  saveView: async ({ request, locals }) => {
    const form = await request.formData();
    try {
      const { me } = await currentActor(locals.principal);
      const name = requiredText(form, 'name');
      if (name.length > 80) throw new WorkbenchInputError('A view name has at most 80 characters');
      const filter = parseQueueFilter(new URLSearchParams(String(form.get('filters') ?? '')));
      const view = await saveView(getServices().workbench.db, { owner: me.email, name, filters: queueFilterToTree(filter) });
      return { viewSaved: { form: 'view', name: view.name } };
    } catch (err) {
      return formFailure('view', err);
    }
  },

  /** Deletes one of the current collector's views. */
  deleteView: async ({ request, locals }) => {
    const form = await request.formData();
    try {
      const { me } = await currentActor(locals.principal);
      const deleted = await deleteView(getServices().workbench.db, formId(form, 'viewId'), me.email);
      if (!deleted) throw new WorkbenchInputError('That view is not yours or was already deleted; reload the page');
      return { viewDeleted: { form: 'view' } };
    } catch (err) {
      return formFailure('view', err);
    }
  },
};
