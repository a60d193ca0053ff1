import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import { minorUnits } from '../../money.ts';
import type { ReplayCustomer, ReplayInvoice, ReplayWindow } from './replay.ts';

type Db = Pick<Warehouse, 'query'>;

interface Row {
  invoice_id: string;
  customer_id: string;
  segment: string;
  currency: string;
  due_on: Date;
  principal_minor: bigint;
  changes: { on_day: Date; delta_minor: bigint }[];
}

const isoDay = (value: Date) => value.toISOString().slice(0, 10);

/**
 * Every customer with an invoice that may be overdue in the window, with those invoices as the
 * engine sees them (sql/queries/ladder_replay_invoices.sql), in one query; customers sorted by id.
 */
export async function loadReplayCustomers(db: Db, window: ReplayWindow): Promise<ReplayCustomer[]> {
  const rows = await db.query<Row>(`SELECT * FROM (${sqlQuery('ladder_replay_invoices')}) ORDER BY customer_id, due_on, invoice_id`, [window.from, window.to]);
  const customers: { customerId: string; segment: string; invoices: ReplayInvoice[] }[] = [];
  for (const r of rows) {
    let last = customers.at(-1);
    if (last?.customerId !== r.customer_id) customers.push((last = { customerId: r.customer_id, segment: r.segment, invoices: [] }));
    last.invoices.push({
      id: r.invoice_id,
      currency: r.currency,
      dueOn: isoDay(r.due_on),
      principalMinor: minorUnits(r.principal_minor),
      changes: r.changes.map((c) => ({ on: isoDay(c.on_day), deltaMinor: minorUnits(c.delta_minor) })),
    });
  }
  return customers;
}
