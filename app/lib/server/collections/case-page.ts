import { listValue } from '@duckdb/node-api';
import { m } from '$lib/paraglide/messages.js';
import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { minorUnits, type MinorUnits } from '../../money.ts';
import { computeLateFees, describeLateFee, planEscalation, type CaseInvoice, type EscalationCase, type EscalationPlan, type HeldStep, type InvoiceLateFee, type StepKind, type StepRecord } from '../escalation/index.ts';
import { customerAgingInvoices } from '../receivables/aging.ts';
import { businessToday } from '../receivables/dates.ts';
import type { AgingInvoice } from '../receivables/types.ts';
import {
  ActionNotFoundError, WorkbenchInputError, getCase, listCaseDisputes, openlyDisputedInvoices, planPromiseOutcomes, recordProposals,
  type ActionProposal, type CaseDetail, type CollectionAction, type InvoiceDispute, type WorkbenchDb,
} from '../workbench/index.ts';
import { loadActivePolicy, type ActivePolicy } from './policy-store.ts';
import { policyWords } from './policy-words.ts';
import type { RiskBand } from '../escalation/types.ts';
import { latestChurnRisk } from '../churn/collections-risk.ts';
import { personal } from '../auth/mask.ts';

type Db = Pick<Warehouse, 'query'>;

export interface CaseCustomer {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly segment: string;
  readonly region: string;
}

/** An open invoice of the case's customer with its late fee under the active policy. */
export interface CaseInvoiceRow extends AgingInvoice {
  /** The invoice's balance at the end of its due day (the fee's principal). */
  readonly principalMinor: MinorUnits;
  /** Accrued to today; null when the policy has no late-fee rule or the invoice is held (disputed). */
  readonly lateFee: InvoiceLateFee | null;
  /** The open dispute holding the invoice, if any. */
  readonly dispute: InvoiceDispute | null;
}

export interface CasePayment {
  readonly id: string;
  /** UTC instant, ISO. */
  readonly receivedAt: string;
  readonly amountMinor: bigint;
  readonly refundedMinor: bigint;
  readonly currency: string;
  readonly method: string;
  readonly status: string;
}

export interface CasePage {
  readonly today: string;
  readonly customer: CaseCustomer;
  readonly detail: CaseDetail;
  /** The policy version the page's fees and proposals come from. */
  readonly policy: { readonly version: number; readonly lateFeeWords: string; readonly skipDisputed: boolean };
  readonly invoices: readonly CaseInvoiceRow[];
  /** Every dispute of the customer (open first). */
  readonly disputes: readonly InvoiceDispute[];
  /** Late fees accrued to today, one per currency (disputed invoices left out while open). */
  readonly lateFeeTotals: readonly { currency: string; feeMinor: MinorUnits }[];
  readonly payments: readonly CasePayment[];
  /** Steps the policy holds today and why. */
  readonly held: readonly HeldStep[];
  /** For open promises whose deadline passed: what the payments say (kept/broken), before the evaluator records it. */
  readonly promiseOutlook: Readonly<Record<string, 'kept' | 'broken'>>;
}

export class CaseCustomerNotFoundError extends Error {
  readonly code = 'CUSTOMER_NOT_FOUND';
  readonly status = 404;
}

/** The customer as the warehouse has it (staging), or null. */
export async function findCustomer(db: Db, customerId: string): Promise<CaseCustomer | null> {
  const [row] = await db.query<{ id: string; name: string; email: string | null; segment: string; region: string }>(
    'SELECT id, name, email, segment, region FROM staging.stg_billing__customers WHERE id = $1',
    [customerId],
  );
  return row ? { ...row, name: personal(row.name, 'name'), email: personal(row.email, 'email') } : null;
}

/** The customer's open invoices at the end of `asOf` (sql/queries/aging_invoices.sql), every currency, most overdue first. */
export async function customerOpenInvoices(db: Db, customerId: string, asOf: string): Promise<AgingInvoice[]> {
  const rows = await customerAgingInvoices(db, { asOf, basis: 'due_date', bounds: [0], groupBy: 'customer' }, customerId);
  return rows.sort((a, b) => b.ageDays - a.ageDays || a.invoiceId.localeCompare(b.invoiceId));
}

/**
 * The invoices as the escalation engine needs them: principal = balance at the end of the due day
 * (business time zone), later balance changes dated by their local day (marts.fct_invoice_balance_changes).
 * `disputed`: invoice ids with an open dispute in the workbench (the billing contract has no dispute flag).
 */
export async function escalationInvoices(db: Db, invoices: readonly AgingInvoice[], disputed: ReadonlySet<string> = new Set()): Promise<CaseInvoice[]> {
  if (invoices.length === 0) return [];
  // By invoice id, through the table's index (sql/marts/fct_invoice_balance_changes.sql): a join on
  // the customer read every change of every invoice.
  const changes = await db.query<{ invoice_id: string; on_day: string; amount_minor: bigint }>(
    `SELECT c.invoice_id, CAST(CAST(timezone(s.business_timezone, c.changed_at) AS DATE) AS VARCHAR) AS on_day, c.amount_minor::BIGINT AS amount_minor
     FROM marts.fct_invoice_balance_changes c
     CROSS JOIN meta.settings s
     WHERE c.invoice_id = ANY($1::VARCHAR[])
     ORDER BY c.changed_at`,
    [listValue(invoices.map((inv) => inv.invoiceId))],
  );
  return invoices.map((inv) => {
    const own = changes.filter((c) => c.invoice_id === inv.invoiceId);
    const principal = own.filter((c) => c.on_day <= inv.dueOn).reduce((sum, c) => sum + c.amount_minor, 0n);
    return {
      id: inv.invoiceId,
      currency: inv.currency,
      dueDate: inv.dueOn,
      amountMinor: minorUnits(principal),
      balanceChanges: own.filter((c) => c.on_day > inv.dueOn).map((c) => ({ on: c.on_day, deltaMinor: minorUnits(c.amount_minor) })),
      disputed: disputed.has(inv.invoiceId),
    };
  });
}

/** The customer's latest 20 payments (staging.stg_billing__payments), newest first. */
export async function customerPayments(db: Db, customerId: string): Promise<CasePayment[]> {
  const rows = await db.query<{ id: string; received_at: string; amount_minor: bigint; refunded_minor: bigint; currency: string; method: string; status: string }>(
    `SELECT id, strftime(received_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS received_at, amount_minor::BIGINT AS amount_minor,
       coalesce(refunded_minor, 0)::BIGINT AS refunded_minor, currency, method, status
     FROM staging.stg_billing__payments WHERE customer_id = $1 ORDER BY received_at DESC, id LIMIT 20`,
    [customerId],
  );
  return rows.map((r) => ({ id: r.id, receivedAt: r.received_at, amountMinor: r.amount_minor, refundedMinor: r.refunded_minor, currency: r.currency, method: r.method, status: r.status }));
}

/** The workbench's actions fed back to the engine as its history ('published' counts as approved; decisions dated by their business day). */
export function stepHistory(actions: readonly CollectionAction[], timezone: string): StepRecord[] {
  return actions.map((a) => {
    const d = a.details as { stepKind?: string; invoiceIds?: string[]; cycle?: number; proposedOn?: string };
    // A proposal counts on the engine's day (what `today` was), a decision on the day it was made.
    const on = a.status === 'proposed' ? (d.proposedOn ?? businessToday(timezone, a.proposed_at)) : businessToday(timezone, a.decided_at ?? a.proposed_at);
    return {
      idempotencyKey: a.idempotency_key,
      stepId: a.step,
      kind: (d.stepKind ?? a.kind) as StepKind,
      invoiceIds: d.invoiceIds ?? (a.invoice_id ? [a.invoice_id] : []),
      cycle: d.cycle ?? 1,
      on,
      status: a.status === 'published' ? 'approved' : a.status,
    };
  });
}

/** The engine's input for a case: its invoices, its promises (all invoices covered) and its action history. */
export function escalationCase(detail: CaseDetail, segment: string, invoices: readonly CaseInvoice[], timezone: string, riskBand: RiskBand | null = null): EscalationCase {
  return {
    caseId: detail.case.id.toString(),
    customerId: detail.case.customer_id,
    segment,
    riskBand,
    invoices,
    promises: detail.promises.map((p) => ({
      id: p.id.toString(),
      madeOn: businessToday(timezone, p.promised_at),
      payBy: p.promised_date,
      amountMinor: p.amount_minor,
      currency: p.currency,
      invoiceIds: null,
      status: p.status,
    })),
    history: stepHistory(detail.actions, timezone),
  };
}

/** The engine's proposals as workbench rows, each with the policy version that proposed it; the details carry what stepHistory needs to replay them. */
export function toActionProposals(caseId: bigint, plan: EscalationPlan, policyVersion: number): ActionProposal[] {
  return plan.proposals.map((p) => ({
    caseId,
    policyVersion,
    invoiceId: p.invoiceIds.length === 1 ? p.invoiceIds[0]! : null,
    step: p.stepId,
    kind: p.kind,
    amountMinor: p.amountMinor,
    currency: p.currency,
    idempotencyKey: p.idempotencyKey,
    details: {
      reason: p.reason, cycle: p.cycle, invoiceIds: [...p.invoiceIds], stepKind: p.stepKind,
      needsApproval: p.needsApproval, approvalReason: p.approvalReason, proposedOn: p.proposedOn, policyVersion,
    },
  }));
}

/**
 * Runs the active escalation policy for an open case as of `today` and records its proposals
 * with the policy's version (idempotent: a proposal already recorded is not recorded again). Used
 * by the case page and by the daily collections run (./daily-run.ts).
 */
export async function proposeCaseActions(
  workbench: WorkbenchDb,
  detail: CaseDetail,
  segment: string,
  invoices: readonly CaseInvoice[],
  options: { readonly timezone: string; readonly today: string; readonly active: ActivePolicy },
): Promise<{ readonly held: readonly HeldStep[]; readonly created: readonly CollectionAction[] }> {
  const { active } = options;
  // Churn risk (issue 6): the latest score's band feeds the policy's branch (e.g. a personal call instead of a suspension at high risk).
  const risk = (await latestChurnRisk(workbench, [detail.case.customer_id])).byCustomer.get(detail.case.customer_id);
  const plan = planEscalation(active.policy, escalationCase(detail, segment, invoices, options.timezone, risk?.band ?? null), options.today, { rateTables: active.rateTables });
  const created = await recordProposals(workbench, toActionProposals(detail.case.id, plan, active.version));
  return { held: plan.held, created };
}

/** The engine's invoices of a customer as of `today`, each flagged with its open workbench dispute. */
export async function caseEscalationInvoices(warehouse: Db, workbench: WorkbenchDb, customerId: string, open: readonly AgingInvoice[]): Promise<CaseInvoice[]> {
  const disputed = await openlyDisputedInvoices(workbench, open.map((i) => i.invoiceId));
  return escalationInvoices(warehouse, open, disputed);
}

/**
 * Everything the case page shows. For an open case it also runs the active escalation policy as
 * of today and records its proposals (idempotent: the same proposal is never recorded twice).
 */
export async function loadCasePage(warehouse: Db, workbench: WorkbenchDb, caseId: bigint, options: { readonly timezone: string; readonly today?: string }): Promise<CasePage> {
  const today = options.today ?? businessToday(options.timezone);
  let detail = await getCase(workbench, caseId);
  const customerId = detail.case.customer_id;
  const customer = (await findCustomer(warehouse, customerId)) ?? { id: customerId, name: customerId, email: null, segment: 'unknown', region: '' };
  const open = await customerOpenInvoices(warehouse, customerId, today);
  const engineInvoices = await caseEscalationInvoices(warehouse, workbench, customerId, open);
  const active = await loadActivePolicy(workbench);
  const { policy } = active;
  // A held (disputed) invoice shows no fee while the dispute is open, as the engine charges none.
  const feeInvoices = engineInvoices.filter((inv) => !(policy.exceptions.skipDisputed && inv.disputed));
  const fees = policy.lateFee
    ? computeLateFees(policy.lateFee, feeInvoices, today, { history: stepHistory(detail.actions, options.timezone), rateTables: active.rateTables })
    : { invoices: [], totals: [] };
  const feeOf = new Map(fees.invoices.map((fee) => [fee.invoiceId, fee]));
  const disputes = await listCaseDisputes(workbench, caseId);
  const openDispute = new Map(disputes.filter((d) => d.resolved_at === null).map((d) => [d.invoice_id, d]));
  let held: readonly HeldStep[] = [];
  if (detail.case.status === 'open') {
    const proposed = await proposeCaseActions(workbench, detail, customer.segment, engineInvoices, { timezone: options.timezone, today, active });
    held = proposed.held;
    if (proposed.created.length > 0) detail = await getCase(workbench, caseId);
  }
  const payments = await customerPayments(warehouse, customerId);
  const outcomes = planPromiseOutcomes(
    detail.promises.filter((p) => p.status === 'open').map((p) => ({ id: p.id, customerId, amountMinor: p.amount_minor, currency: p.currency, promisedDate: p.promised_date, promisedAt: p.promised_at, status: 'open' as const })),
    payments.filter((p) => p.status === 'succeeded').map((p) => ({ customerId, receivedAt: p.receivedAt, amountMinor: p.amountMinor - p.refundedMinor, currency: p.currency })),
    { asOf: new Date(), graceDays: policy.exceptions.promiseGraceDays, timezone: options.timezone },
  );
  return {
    today,
    customer,
    detail,
    policy: { version: active.version, lateFeeWords: describeLateFee(policy.lateFee, active.rateTables, policyWords()), skipDisputed: policy.exceptions.skipDisputed },
    invoices: open.map((inv, i) => ({ ...inv, principalMinor: engineInvoices[i]!.amountMinor, lateFee: feeOf.get(inv.invoiceId) ?? null, dispute: openDispute.get(inv.invoiceId) ?? null })),
    disputes,
    lateFeeTotals: fees.totals,
    payments,
    held,
    promiseOutlook: Object.fromEntries(outcomes.map((o) => [o.promiseId.toString(), o.status])),
  };
}

/** Refuses (WorkbenchInputError) an invoice id that is not the customer's: a dispute form posts only the case's invoices. */
export async function requireCustomerInvoice(warehouse: Db, customerId: string, invoiceId: string): Promise<string> {
  const [row] = await warehouse.query<{ id: string }>('SELECT id FROM staging.stg_billing__invoices WHERE id = $1 AND customer_id = $2', [invoiceId, customerId]);
  if (!row) throw new WorkbenchInputError(m.cl_err_not_customer_invoice({ invoice: invoiceId }));
  return row.id;
}

/** Refuses (ActionNotFoundError) an action id that is not one of `caseId`'s: a form posts only its own case's actions. */
export async function requireCaseAction(workbench: WorkbenchDb, caseId: bigint, actionId: bigint): Promise<bigint> {
  const row = await workbench.selectFrom('collection_actions').select('case_id').where('id', '=', actionId).executeTakeFirst();
  if (!row || row.case_id !== caseId) throw new ActionNotFoundError(`Case ${caseId} has no action ${actionId}`);
  return actionId;
}
