import type { DuckDBConnection } from '@duckdb/node-api';
import { Writable } from 'node:stream';
import type { RenderedNotebook } from '../../notebooks/types.ts';
import { assertReadOnlySelect } from '../explore/read-only-query.ts';
import { streamExport, type ExportWarehouse } from '../exports/index.ts';
import { usedParams } from '../notebooks/block-export.ts';
import { compileBlockSql } from '../notebooks/compile.ts';
import { notebookFile, notebookFileStem } from '../notebooks/export.ts';
import { boundParams } from '../notebooks/params.ts';
import { parseNotebook } from '../notebooks/parse.ts';
import { renderNotebook } from '../notebooks/render.ts';
import { readNotebook } from '../notebooks/store.ts';
import { zonedDay } from './next-run.ts';
import type { ReportSchedule } from './schedules.ts';

/** What a report run reads: the notebooks folder and the warehouse. */
export interface ReportSources {
  readonly notebooksDir: string;
  /** The business zone: relative parameters (current-1, today) resolve on the run's day in this zone. */
  readonly businessTimezone: string;
  /** Runs `fn` on a warehouse connection of its own (notebook blocks run read-only on it). */
  withConnection<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
  /** The warehouse the XLSX exports stream from. */
  readonly exportWarehouse: ExportWarehouse;
}

export interface ReportAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export class ReportProduceError extends Error {
  readonly code = 'REPORT_FAILED';
}

class BufferSink extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    callback();
  }
}

/**
 * The files of one run of a schedule: the notebook rendered with the schedule's parameters
 * (relative values resolved on the day of the run's instant `runAt` in the business zone, so a
 * retry makes the same day's report; `madeAt` is the stamp in its header) as a PDF, and each
 * chosen ```sql block's full result as an XLSX through streamExport (every row, the Definitions
 * sheet with the SQL and bound parameters). A notebook that no longer exists, or a chosen block that
 * fails, fails the run (ReportProduceError), so the delivery is retried and the error recorded.
 */
export async function produceReport(schedule: ReportSchedule, at: { runAt: Date; madeAt: Date }, sources: ReportSources): Promise<{ notebook: RenderedNotebook; attachments: ReportAttachment[] }> {
  const source = readNotebook(sources.notebooksDir, schedule.notebook);
  if (source === null) throw new ReportProduceError(`the notebook ${schedule.notebook} no longer exists in ${sources.notebooksDir}`);
  const today = zonedDay(at.runAt, sources.businessTimezone);
  const search = new URLSearchParams(schedule.params as Record<string, string>);
  const notebook = await sources.withConnection((connection) => renderNotebook(schedule.notebook, source, search, { today, connection }));
  const attachments: ReportAttachment[] = [];
  if (schedule.formats.includes('pdf')) {
    const file = await notebookFile(notebook, 'pdf', { generatedAt: at.madeAt, timezone: schedule.timezone });
    attachments.push({ filename: file.filename, contentType: file.contentType, content: file.body });
  }
  if (schedule.formats.includes('xlsx')) {
    const parsed = parseNotebook(source);
    const params = boundParams(parsed.params, notebook.values);
    const stem = notebookFileStem(notebook);
    for (const name of schedule.xlsxBlocks) {
      const block = parsed.blocks.find((b) => b.kind === 'sql' && b.name === name);
      if (!block || block.kind !== 'sql') throw new ReportProduceError(`the notebook ${schedule.notebook} has no sql block ${name} any more`);
      const compiled = compileBlockSql(block.sql, params);
      // The notebook folder is editable by anyone who can open the app: the same read-only checks as a page render.
      await sources.withConnection((connection) => assertReadOnlySelect(connection, compiled.sql));
      const sink = new BufferSink();
      await streamExport(
        sources.exportWarehouse,
        {
          sql: compiled.sql,
          params: usedParams(compiled.sql, compiled.params),
          format: 'xlsx',
          title: `${notebook.title}: ${name}`,
          source: `notebooks/${schedule.notebook}.md, block ${name}`,
          timezone: sources.businessTimezone,
          now: at.madeAt,
        },
        sink,
      );
      attachments.push({
        filename: `${stem}_${name}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        content: Buffer.concat(sink.chunks),
      });
    }
  }
  return { notebook, attachments };
}
