import path from 'node:path';

/** Where scheduled reports go: SMTP for e-mail, a folder on the server for files (README, "Scheduled reports"). */
export interface ReportSettings {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; null: e-mail delivery fails with a message saying to set it. */
  readonly smtpUrl: string | null;
  /** The From: of report e-mails. */
  readonly from: string;
  /** Folder deliveries write under this folder only (a schedule names a sub-folder of it). */
  readonly reportsDir: string;
  /** How often the app's timer calls the scheduler's tick. */
  readonly tickSeconds: number;
}

export class ReportSettingsError extends Error {
  readonly code = 'CONFIG_INVALID';
}

export function loadReportSettings(env: NodeJS.ProcessEnv, dataDir: string): ReportSettings {
  const smtpUrl = env.LEDGERLENS_SMTP_URL || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new ReportSettingsError(`LEDGERLENS_SMTP_URL must start with smtp:// or smtps:// (got ${smtpUrl.replace(/\/\/[^@]*@/, '//…@')})`);
  const tickSeconds = Number(env.LEDGERLENS_REPORTS_TICK_SECONDS ?? 30);
  if (!Number.isFinite(tickSeconds) || tickSeconds <= 0) throw new ReportSettingsError(`LEDGERLENS_REPORTS_TICK_SECONDS=${env.LEDGERLENS_REPORTS_TICK_SECONDS} is not a positive number of seconds`);
  return {
    smtpUrl,
    from: env.LEDGERLENS_REPORT_FROM || 'Ledgerlens <reports@localhost>',
    reportsDir: path.resolve(env.LEDGERLENS_REPORTS_DIR || path.join(dataDir, 'reports')),
    tickSeconds,
  };
}
