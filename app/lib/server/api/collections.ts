import type { Request, Response } from 'express';
import { agencyHandoffLines, agencyHandoffsCsv } from '../collections/agency-handoffs.ts';
import { businessToday } from '../receivables/dates.ts';
import { parseAsOf } from '../receivables/params.ts';
import { getServices } from '../services.ts';
import { currentPrincipal } from '../auth/principal.ts';
import { acknowledgeBonusOutbox, acknowledgeOutbox, listPendingBonusOutbox, listPendingOutbox, WorkbenchInputError } from '../workbench/index.ts';
import { requestBody } from './validate.ts';
import { searchParams } from './search-params.ts';
import { sendJson } from './send.ts';

/** GET /api/v1/collections/outbox?limit=: approved actions not yet acknowledged, oldest first (bigints as strings). */
export async function getCollectionsOutbox(req: Request, res: Response): Promise<void> {
  const entries = await listPendingOutbox(getServices().workbench.db, { limit: outboxLimit(req) });
  sendJson(res, 200, { entries });
}

function outboxLimit(req: Request): number | undefined {
  const limitText = searchParams(req.originalUrl).get('limit') || undefined;
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && !Number.isInteger(limit)) throw Object.assign(new WorkbenchInputError('limit must be a whole number'), { param: 'limit' });
  return limit;
}

function outboxId(req: Request): bigint {
  const id = String(req.params.id);
  if (!/^\d{1,18}$/.test(id)) throw Object.assign(new WorkbenchInputError(`"${id}" is not an outbox id`), { param: 'id' });
  return BigInt(id);
}

/** Who acknowledges and their reference, for the audit entry written on the first acknowledgement. */
function ackBy(res: Response) {
  return { principal: currentPrincipal(), reference: requestBody<{ reference?: string }>(res)?.reference };
}

/** POST /api/v1/collections/outbox/:id/ack: idempotent; `repeated` is true when it had been acknowledged before. */
export async function postCollectionsOutboxAck(req: Request, res: Response): Promise<void> {
  const { entry, repeated } = await acknowledgeOutbox(getServices().workbench.db, outboxId(req), ackBy(res));
  sendJson(res, 200, { entry: { id: entry.id, actionId: entry.action_id, publishedAt: entry.published_at, acknowledgedAt: entry.acknowledged_at }, repeated });
}

/**
 * GET /api/v1/collections/agency-handoffs.csv?asOf=: approved agency hand-offs, one row per overdue
 * invoice of the customer at the end of asOf (default today in the business time zone). 400 BAD_AS_OF.
 */
export async function getCollectionsAgencyHandoffsCsv(req: Request, res: Response): Promise<void> {
  const { warehouse, workbench, config } = getServices();
  const asOf = parseAsOf(searchParams(req.originalUrl).get('asOf'), businessToday(config.timezone));
  const csv = agencyHandoffsCsv(asOf, await agencyHandoffLines(warehouse, workbench.db, asOf));
  res.status(200).type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="agency-handoffs_${asOf}.csv"`);
  res.send(csv);
}

/** GET /api/v1/retention/bonuses/outbox?limit=: approved retention bonuses not yet acknowledged, oldest first. */
export async function getBonusOutbox(req: Request, res: Response): Promise<void> {
  sendJson(res, 200, { entries: await listPendingBonusOutbox(getServices().workbench.db, { limit: outboxLimit(req) }) });
}

/** POST /api/v1/retention/bonuses/outbox/:id/ack: idempotent, like the collections outbox. */
export async function postBonusOutboxAck(req: Request, res: Response): Promise<void> {
  const { entry, repeated } = await acknowledgeBonusOutbox(getServices().workbench.db, outboxId(req), ackBy(res));
  sendJson(res, 200, { entry: { id: entry.id, bonusId: entry.bonus_id, publishedAt: entry.published_at, acknowledgedAt: entry.acknowledged_at }, repeated });
}
