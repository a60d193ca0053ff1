import os from 'node:os';
import { openWorkbench, type Workbench, type OpenWorkbenchOptions } from '../../app/lib/server/workbench/database.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

/**
 * A migrated workbench database of the test's own (createTestDatabase: real PostgreSQL when it
 * answers, else in-memory PGlite). `session()` opens another connection pool on the same database,
 * as a second collector's request would.
 */
export interface TestWorkbench {
  readonly database: TestDatabase;
  readonly workbench: Workbench;
  session(options?: OpenWorkbenchOptions): Promise<Workbench>;
  drop(): Promise<void>;
}

export async function createTestWorkbench(options: OpenWorkbenchOptions = {}): Promise<TestWorkbench> {
  const database = await createTestDatabase();
  const sessions: Workbench[] = [];
  const session = async (o: OpenWorkbenchOptions = {}) => {
    const wb = await openWorkbench({ dataDir: os.tmpdir(), workbenchDatabaseUrl: database.url }, { maxConnections: 2, ...o });
    sessions.push(wb);
    return wb;
  };
  try {
    const workbench = await session(options);
    return {
      database,
      workbench,
      session,
      async drop() {
        for (const wb of sessions) await wb.close();
        await database.drop();
      },
    };
  } catch (err) {
    for (const wb of sessions) await wb.close();
    await database.drop();
    throw err;
  }
}
