import { fail } from '@sveltejs/kit';
import { PERMISSIONS } from '$lib/access/permissions.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/auth/api-tokens.ts';
import { WorkbenchInputError } from '$lib/server/workbench/errors.ts';
import { getServices } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

/** Scopes a token may hold: every permission but managing users (createApiToken refuses it). */
const SCOPES = Object.entries(PERMISSIONS).filter(([name]) => name !== 'admin:users').map(([name, description]) => ({ name, description }));

export const load: PageServerLoad = async () => {
  const tokens = await listApiTokens(getServices().workbench.db);
  return {
    scopes: SCOPES,
    tokens: tokens.map((t) => ({
      id: t.id.toString(), name: t.name, prefix: t.prefix, scopes: t.scopes, createdBy: t.created_by, createdAt: t.created_at.toISOString(),
      lastUsedAt: t.last_used_at?.toISOString() ?? null, revokedAt: t.revoked_at?.toISOString() ?? null,
    })),
  };
};

export const actions: Actions = {
  create: async (event) => {
    const data = await event.request.formData();
    const name = String(data.get('name') ?? '');
    try {
      const { token, row } = await createApiToken(getServices().workbench.db, { name, scopes: data.getAll('scopes').map(String) }, event.locals.principal!);
      // The secret leaves the server this once; only its SHA-256 is stored.
      return { form: 'create', token, name: row.name };
    } catch (err) {
      if (err instanceof WorkbenchInputError) return fail(400, { form: 'create', message: err.message, name });
      throw err;
    }
  },
  revoke: async (event) => {
    const raw = String((await event.request.formData()).get('id') ?? '');
    try {
      if (!/^\d{1,18}$/.test(raw)) throw new WorkbenchInputError('No such active token');
      await revokeApiToken(getServices().workbench.db, BigInt(raw), event.locals.principal!);
      return { form: 'revoke', revoked: raw };
    } catch (err) {
      if (err instanceof WorkbenchInputError) return fail(400, { form: 'revoke', message: err.message });
      throw err;
    }
  },
};
