import { fail, redirect } from '@sveltejs/kit';
import { acceptInvite, findInvite } from '$lib/server/auth/users.ts';
import { WorkbenchInputError } from '$lib/server/workbench/errors.ts';
import { getServices } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
  const user = params.token.length <= 200 ? await findInvite(getServices().workbench.db, params.token) : null;
  return { invited: user ? { name: user.name, email: user.email, role: user.access_role } : null };
};

export const actions: Actions = {
  default: async ({ params, request, getClientAddress }) => {
    const form = await request.formData();
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('repeat') ?? '')) return fail(400, { message: 'The two passwords differ' });
    try {
      await acceptInvite(getServices().workbench.db, params.token, password, getClientAddress());
    } catch (err) {
      if (err instanceof WorkbenchInputError) return fail(400, { message: err.message });
      throw err;
    }
    redirect(303, '/login?welcome=1');
  },
};
