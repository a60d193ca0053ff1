/**
 * A dry run of an edited policy: what it would propose today for the top open cases of the queue,
 * beside what the active version proposes. Nothing is recorded (planEscalation is pure; no
 * recordProposals here), so a manager can try a change on real cases before saving it.
 * Both plans are made as if today's run had not happened yet (actions proposed today are left out
 * of the history): otherwise "one step per invoice per day" would make both show nothing once the
 * day's run is done.
 */
import { m } from '$lib/paraglide/messages.js';
import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { minorToDecimalString } from '../../money.ts';
import { planEscalation, type EscalationPlan, type EscalationPolicy, type RateTableRegistry } from '../escalation/index.ts';
import { collectionsQueue } from '../receivables/aging.ts';
import { businessToday } from '../receivables/dates.ts';
import { getCase, type WorkbenchDb } from '../workbench/index.ts';
import { caseEscalationInvoices, customerOpenInvoices, escalationCase, findCustomer } from './case-page.ts';

export const MAX_PREVIEW_CASES = 25;

/** One proposal or hold as one line of words. */
export interface PreviewLine {
  readonly stepLabel: string;
  readonly what: string;
}

export interface PreviewCase {
  readonly caseId: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly segment: string;
  readonly active: readonly PreviewLine[];
  readonly edited: readonly PreviewLine[];
  /** The two versions propose something different today. */
  readonly differs: boolean;
}

export interface PolicyPreview {
  readonly today: string;
  readonly cases: readonly PreviewCase[];
  readonly differing: number;
}

const KIND_WORDS: Readonly<Record<string, () => string>> = {
  reminder: m.cl_kind_reminder, late_fee: m.cl_step_late_fee, suspension: m.cl_step_suspension, agency_handoff: m.cl_kind_agency_handoff, personal_call: m.cl_step_personal_call,
};
const HELD_WORDS: Readonly<Record<string, () => string>> = {
  disputed: m.cl_held_disputed, promise_in_force: m.cl_held_promise, below_threshold: m.cl_held_below_threshold, no_fee_accrued: m.cl_held_no_fee,
};
const word = (table: Readonly<Record<string, () => string>>, code: string) => table[code]?.() ?? code.replaceAll('_', ' ');

/** One proposal or hold as one line of words, in the request's language. */
function lines(plan: EscalationPlan, policy: EscalationPolicy, numbers: ReadonlyMap<string, string>): PreviewLine[] {
  const label = (stepId: string) => policy.steps.find((s) => s.id === stepId)?.label ?? stepId;
  const invoices = (ids: readonly string[]) => ids.map((id) => numbers.get(id) ?? id).join(', ');
  return [
    ...plan.proposals.map((p) => ({
      stepLabel: label(p.stepId),
      what: [
        word(KIND_WORDS, p.kind).toLowerCase(),
        invoices(p.invoiceIds),
        ...(p.amountMinor !== null && p.currency ? [`${minorToDecimalString(p.amountMinor, p.currency)} ${p.currency}`] : []),
        ...(p.needsApproval ? [m.cl_preview_needs_approval()] : []),
      ].join(' · '),
    })),
    ...plan.held.map((h) => ({ stepLabel: label(h.stepId), what: `${m.cl_preview_held({ why: word(HELD_WORDS, h.code) })} · ${invoices(h.invoiceIds)}` })),
  ];
}

/**
 * The first `sampleSize` customers of today's queue that have an open case, planned under both
 * policies. Errors of the edited policy (e.g. a key rate missing for a date) propagate: the editor
 * shows them as the preview's error.
 */
export async function previewPolicy(
  warehouse: Pick<Warehouse, 'query'>,
  workbench: WorkbenchDb,
  input: { readonly today: string; readonly timezone: string; readonly sampleSize: number; readonly active: EscalationPolicy; readonly edited: EscalationPolicy; readonly rateTables: RateTableRegistry },
): Promise<PolicyPreview> {
  const size = Math.min(Math.max(1, input.sampleSize), MAX_PREVIEW_CASES);
  const queue = await collectionsQueue(warehouse, input.today, { limit: 500, offset: 0 });
  const customers = [...new Set(queue.map((q) => q.customerId))];
  const open = customers.length
    ? await workbench.selectFrom('cases').select(['id', 'customer_id']).where('status', '=', 'open').where('customer_id', 'in', customers).execute()
    : [];
  const caseOf = new Map(open.map((c) => [c.customer_id, c.id]));
  const sample = customers.filter((id) => caseOf.has(id)).slice(0, size);
  const cases: PreviewCase[] = [];
  for (const customerId of sample) {
    const detail = await getCase(workbench, caseOf.get(customerId)!);
    const customer = await findCustomer(warehouse, customerId);
    const openInvoices = await customerOpenInvoices(warehouse, customerId, input.today);
    const invoices = await caseEscalationInvoices(warehouse, workbench, customerId, openInvoices);
    const beforeToday = detail.actions.filter((a) => ((a.details as { proposedOn?: string }).proposedOn ?? businessToday(input.timezone, a.proposed_at)) !== input.today);
    const engineCase = escalationCase({ ...detail, actions: beforeToday }, customer?.segment ?? 'unknown', invoices, input.timezone);
    const numbers = new Map(openInvoices.map((i) => [i.invoiceId, i.number]));
    const active = lines(planEscalation(input.active, engineCase, input.today, { rateTables: input.rateTables }), input.active, numbers);
    const edited = lines(planEscalation(input.edited, engineCase, input.today, { rateTables: input.rateTables }), input.edited, numbers);
    cases.push({
      caseId: detail.case.id.toString(),
      customerId,
      customerName: customer?.name ?? customerId,
      segment: customer?.segment ?? 'unknown',
      active,
      edited,
      differs: JSON.stringify(active) !== JSON.stringify(edited),
    });
  }
  return { today: input.today, cases, differing: cases.filter((c) => c.differs).length };
}
