import { m } from '$lib/paraglide/messages.js';
import { fail, redirect } from '@sveltejs/kit';
import { changePassword, setLocale } from '$lib/server/auth/users.ts';
import { WorkbenchInputError } from '$lib/server/workbench/errors.ts';
import { getServices } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const p = locals.principal;
  if (p?.kind !== 'user') return { me: null, first: false, localeSaved: false };
  return { me: { name: p.name, email: p.email, role: p.role, demo: p.demo, locale: p.locale, mustChangePassword: p.mustChangePassword }, first: url.searchParams.has('first'), localeSaved: url.searchParams.get('saved') === 'locale' };
};

export const actions: Actions = {
  password: async ({ request, locals }) => {
    const p = locals.principal;
    if (p?.kind !== 'user') return fail(401, { form: 'password', message: m.dt_acc_sign_in_first() });
    if (p.demo) return fail(400, { form: 'password', message: m.dt_acc_demo_no_password() });
    const form = await request.formData();
    const current = String(form.get('current') ?? '');
    const next = String(form.get('next') ?? '');
    if (next !== String(form.get('repeat') ?? '')) return fail(400, { form: 'password', message: m.dt_acc_passwords_differ() });
    try {
      await changePassword(getServices().workbench.db, p, current, next);
    } catch (err) {
      if (err instanceof WorkbenchInputError) return fail(400, { form: 'password', message: err.message });
      throw err;
    }
    return { form: 'password', saved: true };
  },
  locale: async ({ request, locals }) => {
    const p = locals.principal;
    if (p?.kind !== 'user') return fail(401, { form: 'locale', message: m.dt_acc_sign_in_first() });
    const body = await request.formData();
    const locale = String(body.get('locale') ?? '');
    if (locale !== 'en' && locale !== 'ru') return fail(400, { form: 'locale', message: m.dt_acc_choose_language() });
    await setLocale(getServices().workbench.db, p, locale);
    // Back to the page the switch was on, now rendered in the new language (a same-site path only).
    redirect(303, safeBack(String(body.get('back') ?? '')));
  },
};

/** A path on this site to return to ("/collections?x=1"); anything else ("//evil", "https://…") → /account. */
function safeBack(back: string): string {
  return back.startsWith('/') && !back.startsWith('//') && !back.startsWith('/\\') ? back : '/account?saved=locale';
}
