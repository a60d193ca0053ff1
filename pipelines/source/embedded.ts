import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import fs from 'node:fs';
import { contractDdl } from './ddl.ts';
import { keepQueriesTogether } from './pglite-batches.ts';

/**
 * An embedded PostgreSQL: PGlite in this process, served on a loopback port so that everything else
 * talks to it through the ordinary `pg` wire protocol, exactly as to a real Postgres. Used for the
 * demo billing database (`<data>/billing`), the workbench database (`<data>/workbench`) and tests.
 * Known limitation: PGlite answers one query at a time and buffers each result whole, so it suits
 * the demo (scale S) and a small team's workbench, not production volumes.
 */
export interface ServedPglite {
  readonly db: PGlite;
  /** `postgres://postgres@127.0.0.1:<port>/postgres`; no password, loopback only. */
  readonly url: string;
  /** Stops serving and closes the database. */
  stop(): Promise<void>;
}

/** The embedded billing database as served; same shape as any served PGlite. */
export type EmbeddedBilling = ServedPglite;

/** Opens (creating if needed) the PGlite database in `dir`; `dir` null keeps it in memory. */
export async function openEmbeddedPglite(dir: string | null): Promise<PGlite> {
  if (dir) fs.mkdirSync(dir, { recursive: true });
  return dir ? await PGlite.create(dir) : await PGlite.create();
}

/** Serves `db` on a free loopback port; `stop()` also closes `db`. */
export async function servePglite(db: PGlite): Promise<ServedPglite> {
  // Queries from several connections are queued and a transaction keeps its connection (pglite-socket's queue).
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 16 });
  // …and an extended-protocol query keeps the session from its Parse to its Sync (see pglite-batches.ts).
  keepQueriesTogether(server);
  await server.start();
  const address = (server as unknown as { server?: { address(): { port: number } } }).server?.address();
  if (!address) throw new Error('the embedded database did not get a port');
  return {
    db,
    url: `postgres://postgres@127.0.0.1:${address.port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/** Opens the embedded billing database in `dir` (null: in memory) with the contract tables created. */
export async function openEmbeddedBilling(dir: string | null): Promise<PGlite> {
  const db = await openEmbeddedPglite(dir);
  await db.exec(contractDdl());
  return db;
}

export function serveEmbeddedBilling(db: PGlite): Promise<EmbeddedBilling> {
  return servePglite(db);
}
