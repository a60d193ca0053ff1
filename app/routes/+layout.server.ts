import { getServices } from '$lib/server/services.ts';
import { queryLastSync } from '$lib/server/sync/last-sync.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
  const { warehouse, config } = getServices();
  const p = locals.principal;
  const me = p?.kind === 'user' ? { name: p.name, email: p.email, role: p.role, demo: p.demo, locale: p.locale } : null;
  return {
    // Before sign-in the header shows no sync state (nothing about the data leaves the server).
    lastSync: me ? await queryLastSync(warehouse) : null,
    timezone: config.timezone,
    me,
    permissions: p ? [...p.permissions] : [],
    locale: locals.locale,
  };
};
