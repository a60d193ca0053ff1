import type { RequestHandler } from 'express';
import { ladderCsvFilename, ladderFunnelCsv, ladderStepsCsv } from '../ladder/csv.ts';
import { LadderInputError } from '../ladder/errors.ts';
import { loadLadderPage, loadLadderSteps } from '../ladder/load.ts';
import { ladderDeps } from '../ladder/services.ts';
import { businessToday } from '../receivables/dates.ts';
import { getServices } from '../services.ts';
import { searchParams } from './search-params.ts';
import { sendJson } from './send.ts';

/**
 * GET /api/v1/collections/ladder?source=recorded|replay&run=&from=&to=&format=json|csv&table=funnel|steps
 * Ladder analytics (sql/queries/ladder_*.sql) over the approved actions or a policy replay, steps
 * taken from `from` to `to`, outcomes observed until today (business time zone). JSON: `{ report,
 * run, runs, running, definitions, sources }`, money as decimal strings of minor units. CSV: the
 * funnel (default) or every step taken (`table=steps`). 400 BAD_SOURCE, BAD_RUN, BAD_FROM, BAD_TO,
 * BAD_RANGE, BAD_FORMAT; 404 REPLAY_RUN_NOT_FOUND.
 */
export const getCollectionsLadder: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const format = search.get('format') || 'json';
  if (format !== 'json' && format !== 'csv') throw new LadderInputError('BAD_FORMAT', `format=${JSON.stringify(format)} is not supported; use json or csv`, 'format');
  const table = search.get('table') || 'funnel';
  if (table !== 'funnel' && table !== 'steps') throw new LadderInputError('BAD_FORMAT', `table=${JSON.stringify(table)} is not supported; use funnel or steps`, 'table');
  const services = getServices();
  const deps = ladderDeps(services);
  const today = businessToday(services.config.timezone);
  if (format === 'json') {
    sendJson(res, 200, await loadLadderPage(deps, search, today));
    return;
  }
  let body: string;
  let filename: string;
  if (table === 'steps') {
    const { query, rows } = await loadLadderSteps(deps, search, today);
    body = ladderStepsCsv(query, rows);
    filename = ladderCsvFilename(query, 'steps');
  } else {
    const { report } = await loadLadderPage(deps, search, today);
    body = ladderFunnelCsv(report);
    filename = ladderCsvFilename(report.query, 'funnel');
  }
  res.status(200).type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
};
