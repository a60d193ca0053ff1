/**
 * The two records of ladder steps taken, in one shape for the analytics: the approved collection
 * actions (what staff actually sent) and the steps of a policy replay (what the policy would have sent).
 */
import type { EscalationPolicy, IsoDate } from '../escalation/index.ts';
import { businessToday } from '../receivables/dates.ts';
import type { WorkbenchDb } from '../workbench/index.ts';
import { listReplaySteps } from './replay-store.ts';

/** One step taken, naming one or more invoices. */
export interface LadderStepRecord {
  /** Unique within one analysis: 'action:<id>' or 'replay:<idempotency key>'. */
  readonly stepKey: string;
  readonly customerId: string;
  readonly stepId: string;
  /** The step's position in the policy, 1 = first rung. */
  readonly stepOrder: number;
  readonly stepKind: string;
  readonly invoiceIds: readonly string[];
  /** Business day it was taken on. */
  readonly takenOn: IsoDate;
  /** The exact instant when known (an approval); null: the end of `takenOn` (a replayed step). */
  readonly takenAt: Date | null;
}

export interface StepRecords {
  readonly steps: readonly LadderStepRecord[];
  /** Recorded actions of steps the current policy no longer has (renamed or removed): left out. */
  readonly unknownSteps: number;
}

const stepOrders = (policy: EscalationPolicy) => new Map(policy.steps.map((s, i) => [s.id, { order: i + 1, kind: s.kind }]));

/**
 * Approved collection actions (status approved, or published once the billing system took them),
 * dated by their approval: the instant, and its day in `timezone`.
 */
export async function recordedSteps(db: WorkbenchDb, policy: EscalationPolicy, timezone: string): Promise<StepRecords> {
  const rows = await db
    .selectFrom('collection_actions as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select(['a.id', 'c.customer_id', 'a.step', 'a.invoice_id', 'a.details', 'a.decided_at'])
    .where('a.status', 'in', ['approved', 'published'])
    .orderBy('a.id')
    .execute();
  const orders = stepOrders(policy);
  const steps: LadderStepRecord[] = [];
  let unknownSteps = 0;
  for (const r of rows) {
    const step = orders.get(r.step);
    if (!step) {
      unknownSteps++;
      continue;
    }
    const named = (r.details as { invoiceIds?: unknown }).invoiceIds;
    const invoiceIds = Array.isArray(named) ? named.map(String) : r.invoice_id ? [r.invoice_id] : [];
    steps.push({
      stepKey: `action:${r.id}`, customerId: r.customer_id, stepId: r.step, stepOrder: step.order, stepKind: step.kind,
      invoiceIds, takenOn: businessToday(timezone, r.decided_at!), takenAt: r.decided_at,
    });
  }
  return { steps, unknownSteps };
}

/** The steps of one policy replay run. */
export async function replayedSteps(db: WorkbenchDb, policy: EscalationPolicy, runId: bigint): Promise<StepRecords> {
  const orders = stepOrders(policy);
  const steps: LadderStepRecord[] = [];
  let unknownSteps = 0;
  for (const r of await listReplaySteps(db, runId)) {
    const step = orders.get(r.step_id);
    if (!step) {
      unknownSteps++;
      continue;
    }
    steps.push({
      stepKey: `replay:${r.idempotency_key}`, customerId: r.customer_id, stepId: r.step_id, stepOrder: step.order, stepKind: step.kind,
      invoiceIds: r.invoice_ids, takenOn: r.taken_on, takenAt: null,
    });
  }
  return { steps, unknownSteps };
}
