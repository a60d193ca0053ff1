import type { RequestHandler } from 'express';
import { incomeCsvFilename, incomeStatementCsv } from '../income/csv.ts';
import { incomeStatementFor } from '../income/request.ts';
import { RevenueFilterError } from '../revenue/errors.ts';
import { searchParams } from './search-params.ts';
import { sendJson } from './send.ts';

/**
 * GET /api/v1/income/statement?from&to&segment&region&currency&reporting&granularity&compare&format=json|csv
 * With `reporting`, every currency is converted at month-end rates and the rates come back beside the figures.
 */
export const getIncomeStatement: RequestHandler = async (req, res) => {
  const params = searchParams(req.originalUrl);
  const format = params.get('format') || 'json';
  if (format !== 'json' && format !== 'csv') {
    throw new RevenueFilterError('BAD_FORMAT', 'format', `format=${JSON.stringify(format)} is not supported; use json or csv`);
  }
  const { statement } = await incomeStatementFor(params);
  if (format === 'json') {
    sendJson(res, 200, { statement });
    return;
  }
  res.status(200).type('text/csv; charset=utf-8');
  if (!statement) {
    res.setHeader('Content-Disposition', 'attachment; filename="income-statement.csv"');
    res.send('line,currency\r\n');
    return;
  }
  res.setHeader('Content-Disposition', `attachment; filename="${incomeCsvFilename(statement)}"`);
  res.send(incomeStatementCsv(statement));
};
