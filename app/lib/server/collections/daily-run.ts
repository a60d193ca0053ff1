import { listValue } from '@duckdb/node-api';
import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { collectionsQueue } from '../receivables/aging.ts';
import { businessToday } from '../receivables/dates.ts';
import { evaluatePromises, getCase, ensureCases, type OverdueCustomer, type PaymentInput, type Workbench } from '../workbench/index.ts';
import { caseEscalationInvoices, customerOpenInvoices, findCustomer, proposeCaseActions } from './case-page.ts';
import { loadActivePolicy } from './policy-store.ts';

/** What the run needs of the services (LedgerlensServices fits). */
export interface CollectionsRunDeps {
  readonly config: { readonly timezone: string };
  readonly warehouse: Pick<Warehouse, 'query'>;
  readonly workbench: Pick<Workbench, 'db'>;
}

export interface CollectionsRunOptions {
  /** The business day the run is for ('YYYY-MM-DD'); default today in config.timezone. */
  readonly today?: string;
  /** Where the one JSON summary line goes; default stdout. */
  readonly log?: (event: Record<string, unknown>) => void;
}

export interface CollectionsRunCounts {
  readonly cases_opened: number;
  readonly promises_kept: number;
  readonly promises_broken: number;
  readonly proposals_recorded: number;
  /** escalation_policies.version the run used (read once at its start). */
  readonly policy_version: number;
}

/** Who the run's changes are attributed to in the audit trail (promises: PROMISE_EVALUATOR, proposals: ESCALATION_POLICY). */
export const COLLECTIONS_RUN = 'system:collections-run';

const QUEUE_PAGE = 500;

const jsonLog = (event: Record<string, unknown>) => process.stdout.write(JSON.stringify({ at: new Date().toISOString(), ...event }) + '\n');

/**
 * The collections work of one business day, run after every successful sync (pipelines/services.ts
 * `afterSync`, wired in app/serve.ts and app/hooks.server.ts). Every step is idempotent:
 *  1. a case for every customer of the collections queue as of `today` (every page);
 *  2. every open promise judged kept or broken against the warehouse's succeeded payments (net of
 *     refunds) received up to `today`, since the earliest promise still in play, for all those
 *     customers at once (so no promise is judged on partial data);
 *  3. for every open case, the active escalation policy's proposals recorded (as the case page does),
 *     each with the policy version; invoices with an open workbench dispute are held.
 * The active policy version is read once, at the start, so one run never mixes two versions.
 */
export async function runCollections(deps: CollectionsRunDeps, options: CollectionsRunOptions = {}): Promise<CollectionsRunCounts> {
  const { timezone } = deps.config;
  const today = options.today ?? businessToday(timezone);
  const db = deps.workbench.db;
  const began = Date.now();
  const active = await loadActivePolicy(db);
  const { policy } = active;

  // 1. Cases for the whole queue (highest priority first; a customer's first row carries the details).
  const overdue = new Map<string, OverdueCustomer>();
  for (let offset = 0; ; offset += QUEUE_PAGE) {
    const page = await collectionsQueue(deps.warehouse, today, { limit: QUEUE_PAGE, offset });
    for (const e of page) {
      if (!overdue.has(e.customerId)) {
        overdue.set(e.customerId, { customerId: e.customerId, details: { overdueMinor: e.overdueMinor.toString(), currency: e.currency, oldestDueAt: e.oldestDueOn, asOf: today } });
      }
    }
    if (page.length < QUEUE_PAGE) break;
  }
  const { opened } = await ensureCases(db, [...overdue.values()], { actor: COLLECTIONS_RUN });

  // 2. Promises: the payments of every customer with an open promise, in one evaluation.
  const inPlay = await db
    .selectFrom('promises_to_pay as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .select(['c.customer_id', 'p.promised_at'])
    .where('p.status', 'in', ['open', 'kept'])
    .where('c.customer_id', 'in', (eb) =>
      eb.selectFrom('promises_to_pay as o').innerJoin('cases as oc', 'oc.id', 'o.case_id').select('oc.customer_id').where('o.status', '=', 'open'),
    )
    .execute();
  let kept = 0;
  let broken = 0;
  if (inPlay.length > 0) {
    // Kept promises replay with the open ones (they keep their payments), so the earliest of both bounds the payments.
    const since = inPlay.map((r) => businessToday(timezone, r.promised_at)).sort()[0]!;
    const customers = [...new Set(inPlay.map((r) => r.customer_id))];
    const payments = await deps.warehouse.query<{ customer_id: string; received_at: string; amount_minor: bigint; currency: string }>(
      `SELECT p.customer_id, strftime(p.received_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS received_at,
         (p.amount_minor - coalesce(p.refunded_minor, 0))::BIGINT AS amount_minor, p.currency
       FROM staging.stg_billing__payments p
       WHERE p.status = 'succeeded'
         AND list_contains($1::VARCHAR[], p.customer_id)
         AND CAST(timezone($2, p.received_at) AS DATE) BETWEEN CAST($3 AS DATE) AND CAST($4 AS DATE)
       ORDER BY p.received_at, p.id`,
      [listValue(customers), timezone, since, today],
    );
    const outcomes = await evaluatePromises(
      db,
      payments.map((p): PaymentInput => ({ customerId: p.customer_id, receivedAt: p.received_at, amountMinor: p.amount_minor, currency: p.currency })),
      { asOf: instantOnDay(today, timezone), graceDays: policy.exceptions.promiseGraceDays, timezone },
    );
    kept = outcomes.filter((o) => o.status === 'kept').length;
    broken = outcomes.filter((o) => o.status === 'broken').length;
  }

  // 3. Proposals for every open case.
  let proposals = 0;
  const openCases = await db.selectFrom('cases').select('id').where('status', '=', 'open').orderBy('id').execute();
  for (const { id } of openCases) {
    const detail = await getCase(db, id);
    const customerId = detail.case.customer_id;
    const customer = await findCustomer(deps.warehouse, customerId);
    const invoices = await caseEscalationInvoices(deps.warehouse, db, customerId, await customerOpenInvoices(deps.warehouse, customerId, today));
    const { created } = await proposeCaseActions(db, detail, customer?.segment ?? 'unknown', invoices, { timezone, today, active });
    proposals += created.length;
  }

  const counts: CollectionsRunCounts = { cases_opened: opened.length, promises_kept: kept, promises_broken: broken, proposals_recorded: proposals, policy_version: active.version };
  (options.log ?? jsonLog)({ event: 'collections.run', today, ...counts, open_cases: openCases.length, ms: Date.now() - began });
  return counts;
}

/** An instant whose calendar day in `timezone` is `day` (around midday there). */
function instantOnDay(day: string, timezone: string): Date {
  let at = new Date(`${day}T12:00:00Z`);
  for (let i = 0; i < 3; i++) {
    const local = businessToday(timezone, at);
    if (local === day) return at;
    at = new Date(at.getTime() + (local < day ? 12 : -12) * 3_600_000);
  }
  return at;
}
