import { m } from '$lib/paraglide/messages.js';
import { error, fail, redirect } from '@sveltejs/kit';
import { deleteScheduleForm, loadSchedulesPage, saveScheduleForm } from '$lib/server/reports/page.ts';
import { ScheduleNotFoundError } from '$lib/server/reports/schedules.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const page = await loadSchedulesPage();
  const editId = url.searchParams.get('edit');
  const editing = editId ? (page.schedules.find((s) => s.id === editId) ?? null) : null;
  if (editId && !editing) error(404, { message: m.dt_sc_err_not_found({ id: editId }), code: 'SCHEDULE_NOT_FOUND' });
  return { ...page, editing };
};

export const actions: Actions = {
  save: async ({ request }) => {
    const result = await saveScheduleForm(await request.formData());
    if (!result.ok) return fail(400, { errors: result.errors, values: result.values });
    redirect(303, `/notebooks/schedules?saved=${result.id}`);
  },
  delete: async ({ request }) => {
    try {
      await deleteScheduleForm(await request.formData());
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return fail(404, { deleteError: err.message });
      throw err;
    }
    redirect(303, '/notebooks/schedules');
  },
};
