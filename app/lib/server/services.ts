import type { LedgerlensServices } from '../../../pipelines/services.ts';

/**
 * Process-wide registry of the started services. It lives on globalThis under a registered symbol
 * because the express entry (app/serve.ts, run by tsx) and the SvelteKit bundle in build/ each have
 * their own copy of this module; the symbol is the one thing they share.
 */
const KEY = Symbol.for('ledgerlens.services');

type Registry = { [KEY]?: LedgerlensServices };

export class ServicesNotReadyError extends Error {
  readonly code = 'SERVICES_STARTING';
  readonly status = 503;
  constructor() {
    super('Ledgerlens is still starting (seeding and first sync); try again in a few seconds');
  }
}

export function setServices(services: LedgerlensServices): void {
  (globalThis as Registry)[KEY] = services;
}

/** The started services, or undefined while the process is still starting. */
export function findServices(): LedgerlensServices | undefined {
  return (globalThis as Registry)[KEY];
}

/** The started services; throws ServicesNotReadyError (503) before startServices has resolved. */
export function getServices(): LedgerlensServices {
  const services = findServices();
  if (!services) throw new ServicesNotReadyError();
  return services;
}

export function clearServices(): void {
  delete (globalThis as Registry)[KEY];
}
