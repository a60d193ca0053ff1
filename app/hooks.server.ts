import { building } from '$app/environment';
import type { ServerInit } from '@sveltejs/kit';
import { loadConfig } from '../pipelines/config.ts';
import { startServices } from '../pipelines/services.ts';
import { findServices, setServices } from '$lib/server/services.ts';
import { runCollections } from '$lib/server/collections/daily-run.ts';
import { runChurnAfterSync } from '$lib/server/churn/after-sync.ts';
import { startFirstReplay } from '$lib/server/ladder/services.ts';

/**
 * In production app/serve.ts registers the services before it imports the bundle, so this does
 * nothing. Under `vite dev` there is no serve.ts: start them here, once per process.
 */
export const init: ServerInit = async () => {
  if (building || findServices()) return;
  setServices(await startServices(loadConfig(), undefined, { afterSync: async (_summary, started) => { await runChurnAfterSync(started); await runCollections(started); await startFirstReplay(started); } }));
};
