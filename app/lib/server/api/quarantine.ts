import type { RequestHandler } from 'express';
import { quarantinedRowsCsv, quarantinedRowsCsvFilename } from '../data-quality/csv.ts';
import { DataQualityInputError } from '../data-quality/errors.ts';
import { MAX_CSV_LIMIT, parseQuarantineRowsInput } from '../data-quality/params.ts';
import { queryQuarantinedRows, queryQuarantineSummary } from '../data-quality/queries.ts';
import { getServices } from '../services.ts';
import { searchParams } from './search-params.ts';
import { sendJson } from './send.ts';

/** GET /api/v1/quarantine: `{ totalRows, rules: [{ tableName, rule, rows, exampleDetail }] }` for the current snapshot. */
export const getQuarantineSummary: RequestHandler = async (_req, res) => {
  sendJson(res, 200, await queryQuarantineSummary(getServices().warehouse));
};

/**
 * GET /api/v1/quarantine/rows?table=&rule=&limit=&offset=&format=json|csv
 * JSON: one page `{ tableName, rule, total, limit, offset, rows: [{ rowId, rule, detail }] }`
 * (limit 1–500, default 50). CSV: a download of every row (up to 100,000) unless limit/offset say otherwise.
 * 400 BAD_TABLE (not a contract table), BAD_RULE (not /^[a-z_]+$/), BAD_LIMIT, BAD_OFFSET, BAD_FORMAT.
 */
export const getQuarantineRows: RequestHandler = async (req, res) => {
  const params = searchParams(req.originalUrl);
  const format = params.get('format') || 'json';
  if (format !== 'json' && format !== 'csv') {
    throw new DataQualityInputError('BAD_FORMAT', 'format', `format=${JSON.stringify(format)} is not supported; use json or csv`);
  }
  const paging = format === 'csv' ? { defaultLimit: MAX_CSV_LIMIT, maxLimit: MAX_CSV_LIMIT } : {};
  const input = parseQuarantineRowsInput(params, paging);
  const page = await queryQuarantinedRows(getServices().warehouse, input, paging.maxLimit);
  if (format === 'json') {
    sendJson(res, 200, page);
    return;
  }
  res.status(200).type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${quarantinedRowsCsvFilename(page)}"`);
  res.send(quarantinedRowsCsv(page));
};
