import type { RequestHandler, Response } from 'express';
import path from 'node:path';
import { Writable } from 'node:stream';
import { exportFilename, findDataset } from '../exports/datasets.ts';
import { FORMAT_INFO, parseExportFormat } from '../exports/formats.ts';
import { streamExport } from '../exports/stream-export.ts';
import { businessToday } from '../receivables/dates.ts';
import { getServices } from '../services.ts';
import { searchParams } from './search-params.ts';

/**
 * The response body as a Writable that sends the download's headers with its first byte, so an
 * error before any byte (a query DuckDB rejects) can still be answered as JSON by the error handler.
 */
function downloadBody(res: Response, headers: () => void): Writable & { readonly started: boolean } {
  let started = false;
  const start = () => {
    if (!started) {
      started = true;
      headers();
    }
  };
  const body = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      start();
      if (res.write(chunk)) callback();
      else res.once('drain', () => callback());
    },
    final(callback) {
      start();
      res.end(() => callback());
    },
  });
  // A client that goes away ends the export (ByteSink sees the close) instead of leaving it waiting for 'drain'.
  res.once('close', () => {
    if (!res.writableFinished) body.destroy();
  });
  return Object.defineProperty(body, 'started', { get: () => started }) as Writable & { readonly started: boolean };
}

/**
 * GET /api/v1/exports/:dataset?format=csv|xlsx|parquet|arrow&<the dataset's filters>
 * Streams a whitelisted dataset (app/lib/server/exports/datasets.ts) as a download:
 *   revenue_monthly  from, to (YYYY-MM), segment, region, currency — absent: every month, all of them
 *   aging_invoices   asOf (default today, business time zone), basis, buckets, currency, bucket
 * 400 `{ error: { code, message, param } }`: UNKNOWN_DATASET, BAD_FORMAT, and each filter's own code
 * (BAD_MONTH, BAD_CURRENCY, BAD_AS_OF, BAD_BUCKET, …), all before anything is sent. A failure after
 * the first byte cuts the connection, so a short file never looks complete.
 */
export const getExport: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const dataset = findDataset(String(req.params.dataset));
  const format = parseExportFormat(search.get('format'));
  const { warehouse, config } = getServices();
  const { values, filenameParts } = dataset.params(search, { today: businessToday(config.timezone) });
  const info = FORMAT_INFO[format];
  const filename = exportFilename(dataset, filenameParts, info.extension);
  const body = downloadBody(res, () => {
    res.status(200).type(info.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
  });
  try {
    await streamExport(
      warehouse,
      {
        sql: dataset.sql(),
        params: values,
        format,
        definitions: dataset.definitions(),
        title: dataset.title,
        source: dataset.source,
        timezone: config.timezone,
        tempDir: config.dataDir ? path.join(config.dataDir, 'tmp') : undefined,
      },
      body,
    );
  } catch (err) {
    if (!body.started) throw err;
    console.error(JSON.stringify({ event: 'export_failed', dataset: dataset.name, format, error: err instanceof Error ? err.message : String(err) }));
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  }
};
