import { getServices } from '$lib/server/services.ts';
import { queryLastSync } from '$lib/server/sync/last-sync.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async () => {
  const { warehouse, config } = getServices();
  return { lastSync: await queryLastSync(warehouse), timezone: config.timezone };
};
