import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerlensServices, SyncMode } from '../../../../pipelines/services.ts';
import { SyncError } from '../../../../pipelines/sync/run-sync.ts';
import { clearServices, setServices } from '../services.ts';
import { createApiRouter } from './router.ts';
import { asAllScopesToken } from '../../../../tests/support/api-principal.ts';

/** Services whose sync fails as told; nothing else is reached by these requests. */
function failingServices(error: Error, calls: (SyncMode | undefined)[]): LedgerlensServices {
  return {
    sync: async (mode?: SyncMode) => {
      calls.push(mode);
      throw error;
    },
  } as unknown as LedgerlensServices;
}

describe('POST /api/v1/sync when the sync fails', () => {
  let server: Server;
  let url: string;
  const originalError = console.error;

  beforeAll(async () => {
    const app = express();
    app.use('/api/v1', createApiRouter({ authenticate: asAllScopesToken }));
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    console.error = () => undefined; // the 500 case logs on purpose
  });
  afterAll(async () => {
    console.error = originalError;
    clearServices();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers 409 SYNC_FAILED with the reason and run id; the mode is passed through', async () => {
    const calls: (SyncMode | undefined)[] = [];
    setServices(failingServices(new SyncError('RECONCILIATION_FAILED', 'the warehouse does not reconcile', 7), calls));
    const res = await fetch(`${url}/sync?mode=full`, { method: 'POST' });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: { code: 'SYNC_FAILED', reason: 'RECONCILIATION_FAILED', message: 'the warehouse does not reconcile', runId: 7 },
    });
    await fetch(`${url}/sync`, { method: 'POST' });
    expect(calls).toEqual(['full', undefined]);
  });

  it('answers 500 without details for an unexpected error, 400 for a bad mode', async () => {
    const calls: (SyncMode | undefined)[] = [];
    setServices(failingServices(new Error('disk on fire'), calls));
    const res = await fetch(`${url}/sync?mode=incremental`, { method: 'POST' });
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain('disk on fire');
    const bad = await fetch(`${url}/sync?mode=sideways`, { method: 'POST' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_MODE');
    expect(calls).toEqual(['incremental']);
  });

  it('answers 503 while the services are starting', async () => {
    clearServices();
    const res = await fetch(`${url}/sync`, { method: 'POST' });
    expect(res.status).toBe(503);
  });
});
