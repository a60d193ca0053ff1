import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import fs from 'node:fs';
import { contractDdl } from './ddl.ts';

/**
 * The embedded default billing database: PGlite in this process, served on a loopback port so that
 * everything else talks to it through the ordinary `pg` wire protocol, exactly as to a real Postgres.
 * Known limitation: PGlite answers one query at a time and buffers each result whole, so it suits
 * the demo (scale S), not production volumes.
 */
export interface EmbeddedBilling {
  readonly db: PGlite;
  readonly url: string;
  stop(): Promise<void>;
}

/** Opens (creating if needed) the PGlite database in `dir`; `dir` null keeps it in memory. */
export async function openEmbeddedBilling(dir: string | null): Promise<PGlite> {
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const db = dir ? await PGlite.create(dir) : await PGlite.create();
  await db.exec(contractDdl());
  return db;
}

export async function serveEmbeddedBilling(db: PGlite): Promise<EmbeddedBilling> {
  // Queries from several connections are queued and a transaction keeps its connection (pglite-socket's queue).
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 16 });
  await server.start();
  const address = (server as unknown as { server?: { address(): { port: number } } }).server?.address();
  if (!address) throw new Error('the embedded billing database did not get a port');
  return {
    db,
    url: `postgres://postgres@127.0.0.1:${address.port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
