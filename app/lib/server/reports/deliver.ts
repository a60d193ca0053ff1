import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { ReportAttachment } from './produce.ts';

/** A report e-mail: one message to every recipient, the files attached. */
export interface ReportMessage {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly attachments: readonly ReportAttachment[];
}

/** The one thing the scheduler needs from an SMTP client. */
export interface ReportMailer {
  send(message: ReportMessage): Promise<void>;
  close(): void;
}

export class ReportDeliveryError extends Error {
  readonly code = 'DELIVERY_FAILED';
}

/**
 * Sends through the SMTP server at `url` (`smtp://user:pass@host:587`, STARTTLS when the server offers
 * it; `smtps://…:465` for TLS from the start) with nodemailer. A server that refuses the message (a
 * 4xx or 5xx reply) or cannot be reached rejects the send: the scheduler records it and retries.
 */
export function smtpMailer(url: string, from: string): ReportMailer {
  // Timeouts well short of nodemailer's defaults (2 min to connect, 10 min idle): a tick should not hang on a dead server.
  const transport = nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 }, { from });
  return {
    async send(message) {
      await transport.sendMail({
        from,
        to: [...message.to],
        subject: message.subject,
        text: message.text,
        attachments: message.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      });
    },
    close: () => transport.close(),
  };
}

/**
 * Writes the files into `<reportsDir>/<folder>/` (created when missing), each through a temporary file
 * renamed over the final name, so a reader of the folder never sees half a file; a retry of the same
 * run writes the same names again. `folder` was checked to be a plain relative path (schedules.ts);
 * the resolved path is checked to stay inside reportsDir all the same.
 */
export function writeToFolder(reportsDir: string, folder: string, files: readonly ReportAttachment[]): string[] {
  const root = path.resolve(reportsDir);
  const dir = path.resolve(root, folder);
  if (dir !== root && !dir.startsWith(root + path.sep)) throw new ReportDeliveryError(`the folder ${folder} is outside the reports folder ${root}`);
  fs.mkdirSync(dir, { recursive: true });
  return files.map((file) => {
    const target = path.join(dir, file.filename);
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.content);
    fs.renameSync(tmp, target);
    return target;
  });
}
