import { fail, redirect } from '@sveltejs/kit';
import { HOME_OF_ROLE } from '$lib/access/routes.ts';
import { isRole } from '$lib/access/permissions.ts';
import { safeNext, setSessionCookie } from '$lib/server/auth/cookies.ts';
import { signInAsDemo, signInWithPassword } from '$lib/server/auth/sign-in.ts';
import { isDemo } from '$lib/server/auth/start.ts';
import { listDemoUsers } from '$lib/server/auth/users.ts';
import { getServices } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
  const services = getServices();
  const next = safeNext(url.searchParams.get('next'));
  if (locals.principal?.kind === 'user') redirect(303, next ?? HOME_OF_ROLE[locals.principal.role]);
  const demo = isDemo(services) ? await listDemoUsers(services.workbench.db) : [];
  return { next, demoUsers: demo.map((u) => ({ id: u.id.toString(), name: u.name, email: u.email, role: u.access_role })) };
};

function field(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}

async function landing(staffId: bigint, next: string | null): Promise<string> {
  const user = await getServices().workbench.db.selectFrom('staff').select('access_role').where('id', '=', staffId).executeTakeFirstOrThrow();
  return next ?? HOME_OF_ROLE[isRole(user.access_role) ? user.access_role : 'finance'];
}

export const actions: Actions = {
  password: async ({ request, cookies, getClientAddress }) => {
    const form = await request.formData();
    const email = field(form, 'email');
    const result = await signInWithPassword(getServices().workbench.db, {
      email,
      password: field(form, 'password'),
      ip: getClientAddress(),
      userAgent: request.headers.get('user-agent'),
    });
    if (!result.ok) return fail(result.reason === 'rate_limited' ? 429 : 400, { email, message: result.message });
    setSessionCookie(cookies, result.token, result.expiresAt);
    redirect(303, result.mustChangePassword ? '/account?first=1' : await landing(result.staffId, safeNext(field(form, 'next'))));
  },
  demo: async ({ request, cookies, getClientAddress }) => {
    const services = getServices();
    if (!isDemo(services)) return fail(404, { message: 'Demo users exist only on the embedded demo' });
    const form = await request.formData();
    const id = field(form, 'user');
    if (!/^\d{1,18}$/.test(id)) return fail(400, { message: 'Pick a demo user' });
    const result = await signInAsDemo(services.workbench.db, { staffId: BigInt(id), ip: getClientAddress(), userAgent: request.headers.get('user-agent') });
    if (!result.ok) return fail(400, { message: 'No such demo user' });
    setSessionCookie(cookies, result.token, result.expiresAt);
    redirect(303, await landing(result.staffId, safeNext(field(form, 'next'))));
  },
};
