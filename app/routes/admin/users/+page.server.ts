import { fail } from '@sveltejs/kit';
import { ROLES } from '$lib/access/permissions.ts';
import { inviteUser, listUsers, reinviteUser, setUserActive, updateUser } from '$lib/server/auth/users.ts';
import { WorkbenchInputError } from '$lib/server/workbench/errors.ts';
import { getServices } from '$lib/server/services.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async () => {
  const users = await listUsers(getServices().workbench.db);
  return {
    roles: ROLES,
    users: users.map((u) => ({
      id: u.id.toString(), name: u.name, email: u.email, role: u.access_role, ownCasesOnly: u.own_cases_only, active: u.active, demo: u.demo,
      invited: u.password_hash === null && !u.demo, lockedUntil: u.locked_until && u.locked_until > new Date() ? u.locked_until.toISOString() : null,
      lastSignInAt: u.last_sign_in_at?.toISOString() ?? null,
    })),
  };
};

function userId(form: FormData): bigint {
  const raw = String(form.get('id') ?? '');
  if (!/^\d{1,18}$/.test(raw)) throw new WorkbenchInputError('No such user');
  return BigInt(raw);
}

/** Runs an admin change; input problems come back to the form as 400 with the message. */
async function change(event: RequestEvent, form: string, run: (data: FormData) => Promise<Record<string, unknown>>) {
  const data = await event.request.formData();
  try {
    return { form, ...(await run(data)) };
  } catch (err) {
    if (err instanceof WorkbenchInputError) return fail(400, { form, message: err.message });
    throw err;
  }
}

export const actions: Actions = {
  invite: (event) =>
    change(event, 'invite', async (data) => {
      const { user, token, expiresAt } = await inviteUser(getServices().workbench.db, {
        name: String(data.get('name') ?? ''), email: String(data.get('email') ?? ''), role: String(data.get('role') ?? ''), ownCasesOnly: data.get('ownCasesOnly') === 'on',
      }, event.locals.principal!);
      return { link: `${event.url.origin}/invite/${token}`, email: user.email, expiresAt: expiresAt.toISOString() };
    }),
  reinvite: (event) =>
    change(event, 'invite', async (data) => {
      const { user, token, expiresAt } = await reinviteUser(getServices().workbench.db, userId(data), event.locals.principal!);
      return { link: `${event.url.origin}/invite/${token}`, email: user.email, expiresAt: expiresAt.toISOString() };
    }),
  update: (event) =>
    change(event, 'update', async (data) => {
      const user = await updateUser(getServices().workbench.db, userId(data), { role: String(data.get('role') ?? ''), ownCasesOnly: data.get('ownCasesOnly') === 'on' }, event.locals.principal!);
      return { saved: user.email };
    }),
  deactivate: (event) =>
    change(event, 'update', async (data) => ({ saved: (await setUserActive(getServices().workbench.db, userId(data), false, event.locals.principal!)).email })),
  reactivate: (event) =>
    change(event, 'update', async (data) => ({ saved: (await setUserActive(getServices().workbench.db, userId(data), true, event.locals.principal!)).email })),
};
