import type { LedgerlensServices } from '../../../../pipelines/services.ts';
import { ensureDemoUsers, ensureFirstAdmin } from './users.ts';

/** True when Ledgerlens runs on its embedded demo billing database: only then are one-click demo users offered. */
export function isDemo(services: Pick<LedgerlensServices, 'config'>): boolean {
  return services.config.billingDatabaseUrl === null && process.env.LEDGERLENS_DEMO_USERS !== '0';
}

/**
 * At start: the first admin (printed once, on stderr and outside the JSON log, since it is a secret)
 * and, on the embedded demo, the demo users.
 */
export async function prepareAccess(services: LedgerlensServices, print: (text: string) => void = (t) => process.stderr.write(t)): Promise<void> {
  const db = services.workbench.db;
  const first = await ensureFirstAdmin(db, process.env.LEDGERLENS_ADMIN_EMAIL || undefined);
  if (first) {
    print(
      `\n  ┌ First start: an administrator was created.\n  │ e-mail:   ${first.email}\n  │ password: ${first.password}   (one-time: you must change it when you first sign in)\n  └ This is the only time the password is shown.\n\n`,
    );
  }
  if (isDemo(services)) await ensureDemoUsers(db);
}
