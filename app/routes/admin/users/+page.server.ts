import { ROLES } from '$lib/access/permissions.ts';
import { inviteUser, listUsers, reinviteUser, setUserActive, updateUser } from '$lib/server/auth/users.ts';
import { getServices } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';
import { adminChange, formRowId } from '$lib/server/admin-forms.ts';

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

export const actions: Actions = {
  invite: (event) =>
    adminChange(event.request, 'invite', async (data) => {
      const { user, token, expiresAt } = await inviteUser(getServices().workbench.db, {
        name: String(data.get('name') ?? ''), email: String(data.get('email') ?? ''), role: String(data.get('role') ?? ''), ownCasesOnly: data.get('ownCasesOnly') === 'on',
      }, event.locals.principal!);
      return { link: `${event.url.origin}/invite/${token}`, email: user.email, expiresAt: expiresAt.toISOString() };
    }),
  reinvite: (event) =>
    adminChange(event.request, 'invite', async (data) => {
      const { user, token, expiresAt } = await reinviteUser(getServices().workbench.db, formRowId(data, 'user'), event.locals.principal!);
      return { link: `${event.url.origin}/invite/${token}`, email: user.email, expiresAt: expiresAt.toISOString() };
    }),
  update: (event) =>
    adminChange(event.request, 'update', async (data) => {
      const user = await updateUser(getServices().workbench.db, formRowId(data, 'user'), { role: String(data.get('role') ?? ''), ownCasesOnly: data.get('ownCasesOnly') === 'on' }, event.locals.principal!);
      return { saved: user.email };
    }),
  deactivate: (event) =>
    adminChange(event.request, 'update', async (data) => ({ saved: (await setUserActive(getServices().workbench.db, formRowId(data, 'user'), false, event.locals.principal!)).email })),
  reactivate: (event) =>
    adminChange(event.request, 'update', async (data) => ({ saved: (await setUserActive(getServices().workbench.db, formRowId(data, 'user'), true, event.locals.principal!)).email })),
};
