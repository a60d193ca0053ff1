import { m } from '$lib/paraglide/messages.js';
import { fail } from '@sveltejs/kit';
import { PERMISSIONS, type Permission } from '$lib/access/permissions.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/auth/api-tokens.ts';
import { WorkbenchInputError } from '$lib/server/workbench/errors.ts';
import { getServices } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

/** What each scope allows, in the request's language (PERMISSIONS keeps the English). */
const SCOPE_TEXT: Record<Permission, () => string> = {
  'dashboards:read': m.dt_scope_dashboards_read, 'receivables:read': m.dt_scope_receivables_read, 'collections:read': m.dt_scope_collections_read,
  'collections:work': m.dt_scope_collections_work, 'collections:configure': m.dt_scope_collections_configure, 'churn:read': m.dt_scope_churn_read,
  'churn:manage': m.dt_scope_churn_manage, 'explore:query': m.dt_scope_explore_query, 'notebooks:edit': m.dt_scope_notebooks_edit,
  'data:export': m.dt_scope_data_export, 'data-quality:read': m.dt_scope_data_quality_read, 'sync:run': m.dt_scope_sync_run,
  'settings:manage': m.dt_scope_settings_manage, 'personal-data:read': m.dt_scope_personal_data_read, 'outbox:acknowledge': m.dt_scope_outbox_acknowledge,
  'admin:users': m.dt_scope_admin_users, 'admin:audit': m.dt_scope_admin_audit, 'metrics:read': m.dt_scope_metrics_read,
};

/** Scopes a token may hold: every permission but managing users (createApiToken refuses it). */
const scopes = () =>
  (Object.keys(PERMISSIONS) as Permission[]).filter((name) => name !== 'admin:users').map((name) => ({ name, description: SCOPE_TEXT[name]() }));

export const load: PageServerLoad = async () => {
  const tokens = await listApiTokens(getServices().workbench.db);
  return {
    scopes: scopes(),
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
      if (!/^\d{1,18}$/.test(raw)) throw new WorkbenchInputError(m.dt_tok_err_no_token());
      await revokeApiToken(getServices().workbench.db, BigInt(raw), event.locals.principal!);
      return { form: 'revoke', revoked: raw };
    } catch (err) {
      if (err instanceof WorkbenchInputError) return fail(400, { form: 'revoke', message: err.message });
      throw err;
    }
  },
};
