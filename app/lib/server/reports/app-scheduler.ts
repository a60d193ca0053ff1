import type { LedgerlensServices } from '../../../../pipelines/services.ts';
import { openWarehouse } from '../../../../pipelines/warehouse/connection.ts';
import { notebooksDir } from '../notebooks/store.ts';
import { smtpMailer } from './deliver.ts';
import { createReportScheduler, type ReportScheduler } from './scheduler.ts';
import { loadReportSettings } from './settings.ts';

/** The app's scheduler: real clock, SMTP from the environment, a timer every LEDGERLENS_REPORTS_TICK_SECONDS. */
export interface RunningReports {
  readonly scheduler: ReportScheduler;
  /** Stops the timer, waits for a tick in flight and closes the SMTP pool. */
  stop(): Promise<void>;
}

export function startReportScheduler(services: LedgerlensServices, log: (event: Record<string, unknown>) => void, env: NodeJS.ProcessEnv = process.env): RunningReports {
  const settings = loadReportSettings(env, services.config.dataDir);
  const mailer = settings.smtpUrl ? smtpMailer(settings.smtpUrl, settings.from) : null;
  const scheduler = createReportScheduler({
    db: services.workbench.db,
    now: () => new Date(),
    mailer,
    reportsDir: settings.reportsDir,
    log,
    sources: {
      notebooksDir: notebooksDir(env),
      businessTimezone: services.config.timezone,
      exportWarehouse: services.warehouse,
      async withConnection(fn) {
        const warehouse = await openWarehouse(services.config.warehousePath);
        try {
          return await fn(warehouse.connection);
        } finally {
          warehouse.close();
        }
      },
    },
  });
  scheduler.start(settings.tickSeconds * 1000);
  log({ event: 'reports.scheduler_started', tickSeconds: settings.tickSeconds, smtp: mailer !== null, reportsDir: settings.reportsDir });
  return {
    scheduler,
    async stop() {
      await scheduler.stop();
      mailer?.close();
    },
  };
}
