import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { minorToDecimalString } from '../../money.ts';
import { csvText } from '../csv.ts';
import type { WorkbenchDb } from '../workbench/index.ts';
import { customerOpenInvoices, findCustomer } from './case-page.ts';
import { personal } from '../auth/mask.ts';

type Db = Pick<Warehouse, 'query'>;

/** An approved agency hand-off (status approved, or published once billing acknowledged it). */
export interface ApprovedAgencyHandoff {
  readonly actionId: bigint;
  readonly caseId: bigint;
  readonly customerId: string;
  readonly status: 'approved' | 'published';
  readonly approvedBy: string;
  readonly approvedAt: Date;
  /** The invoices the escalation policy named in the proposal. */
  readonly namedInvoiceIds: readonly string[];
}

/** One overdue invoice of a handed-off customer as of `asOf`; invoice fields are null when nothing is overdue any more. */
export interface AgencyHandoffLine {
  readonly handoff: ApprovedAgencyHandoff;
  readonly customerName: string;
  readonly invoice: {
    readonly invoiceId: string;
    readonly number: string;
    readonly currency: string;
    readonly dueOn: string;
    readonly daysPastDue: number;
    readonly openMinor: bigint;
    readonly namedInApproval: boolean;
  } | null;
}

/** Approved `agency_handoff` actions, oldest approval first. */
export async function listApprovedAgencyHandoffs(db: WorkbenchDb): Promise<ApprovedAgencyHandoff[]> {
  const rows = await db
    .selectFrom('collection_actions as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select(['a.id', 'a.case_id', 'c.customer_id', 'a.status', 'a.decided_by', 'a.decided_at', 'a.details'])
    .where('a.kind', '=', 'agency_handoff')
    .where('a.status', 'in', ['approved', 'published'])
    .orderBy('a.decided_at')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => {
    const ids = (r.details as { invoiceIds?: unknown }).invoiceIds;
    return {
      actionId: r.id, caseId: r.case_id, customerId: r.customer_id, status: r.status as 'approved' | 'published',
      approvedBy: r.decided_by ?? '', approvedAt: r.decided_at!,
      namedInvoiceIds: Array.isArray(ids) ? ids.map(String) : [],
    };
  });
}

/**
 * The approved agency hand-offs with each customer's overdue invoices as the warehouse has them at
 * the end of `asOf` (every currency, most overdue first). A hand-off whose customer has nothing
 * overdue any more still gets one line, with empty invoice fields, so the agency can be told to stop.
 */
export async function agencyHandoffLines(warehouse: Db, workbench: WorkbenchDb, asOf: string): Promise<AgencyHandoffLine[]> {
  const lines: AgencyHandoffLine[] = [];
  for (const handoff of await listApprovedAgencyHandoffs(workbench)) {
    const customer = await findCustomer(warehouse, handoff.customerId);
    const overdue = (await customerOpenInvoices(warehouse, handoff.customerId, asOf)).filter((i) => i.ageDays > 0);
    const customerName = personal(customer?.name ?? '', 'name');
    if (overdue.length === 0) lines.push({ handoff, customerName, invoice: null });
    for (const i of overdue) {
      lines.push({
        handoff, customerName,
        invoice: {
          invoiceId: i.invoiceId, number: i.number, currency: i.currency, dueOn: i.dueOn, daysPastDue: i.ageDays, openMinor: i.openMinor,
          namedInApproval: handoff.namedInvoiceIds.includes(i.invoiceId),
        },
      });
    }
  }
  return lines;
}

/**
 * The hand-off file for the agency: one row per overdue invoice. Money twice, `open_minor` (integer
 * minor units) and `open` (exact decimal in the invoice's currency); approved_at in UTC ISO 8601.
 */
export function agencyHandoffsCsv(asOf: string, lines: readonly AgencyHandoffLine[]): string {
  const header = [
    'as_of', 'action_id', 'case_id', 'customer_id', 'customer_name', 'currency', 'invoice_id', 'invoice_number', 'due_on',
    'days_past_due', 'open_minor', 'open', 'named_in_approval', 'approved_at', 'approved_by', 'status',
  ];
  return csvText([
    header,
    ...lines.map(({ handoff: h, customerName, invoice: i }) => [
      asOf, h.actionId.toString(), h.caseId.toString(), h.customerId, customerName, i?.currency ?? '', i?.invoiceId ?? '', i?.number ?? '', i?.dueOn ?? '',
      i ? String(i.daysPastDue) : '', i ? i.openMinor.toString() : '', i ? minorToDecimalString(i.openMinor, i.currency) : '',
      i ? (i.namedInApproval ? 'yes' : 'no') : '', h.approvedAt.toISOString(), h.approvedBy, h.status,
    ]),
  ]);
}
