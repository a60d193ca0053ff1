import type { LedgerlensServices } from '../../../../pipelines/services.ts';
import { createWebhookDeliverer, type WebhookDeliverer } from './delivery.ts';

/** The server's webhook loop: every LEDGERLENS_WEBHOOKS_TICK_SECONDS (default 5); stopped before the services close. */
export function startWebhookDelivery(services: LedgerlensServices, log: (event: Record<string, unknown>) => void, env: NodeJS.ProcessEnv = process.env): WebhookDeliverer {
  const tickSeconds = Math.max(1, Number(env.LEDGERLENS_WEBHOOKS_TICK_SECONDS) || 5);
  const deliverer = createWebhookDeliverer({ db: services.workbench.db, log });
  deliverer.start(tickSeconds * 1000);
  log({ event: 'webhooks.started', tickSeconds });
  return deliverer;
}
