/**
 * From proposals to the outbox. Staff approve or skip each proposal; an approval becomes exactly
 * one outbox message, however often the run or the decision is repeated, because everything is
 * keyed by the proposal's idempotency key. The workbench stores records and messages with a unique
 * constraint on that key (this module decides what to insert; the constraint is the backstop).
 */
import { EscalationError } from './errors.ts';
import type { IsoDate, ProposedAction, StepRecord } from './types.ts';

export interface Decision {
  readonly idempotencyKey: string;
  readonly outcome: 'approved' | 'skipped';
  /** Who decided: a user id, never empty. */
  readonly decidedBy: string;
  readonly decidedOn: IsoDate;
}

/** What the publisher sends on (to billing's own dunning, e-mail, the agency): never written into the billing DB by Ledgerlens. */
export interface OutboxMessage {
  readonly idempotencyKey: string;
  readonly action: ProposedAction;
  readonly approvedBy: string;
  readonly approvedOn: IsoDate;
}

export interface DecisionEffects {
  /** Records to store and feed back as the case's history. */
  readonly records: readonly StepRecord[];
  /** Messages to append to the outbox. */
  readonly outbox: readonly OutboxMessage[];
}

function toRecord(action: ProposedAction, status: StepRecord['status'], on: IsoDate): StepRecord {
  return { idempotencyKey: action.idempotencyKey, stepId: action.stepId, kind: action.stepKind, invoiceIds: action.invoiceIds, cycle: action.cycle, on, status };
}

/** Records (status 'proposed') for a run's proposals, skipping keys the history already holds. */
export function proposedRecords(proposals: readonly ProposedAction[], history: readonly StepRecord[]): StepRecord[] {
  const known = new Set(history.map((record) => record.idempotencyKey));
  return proposals.filter((action) => !known.has(action.idempotencyKey)).map((action) => toRecord(action, 'proposed', action.proposedOn));
}

/**
 * Applies staff decisions. A key already decided in `history` (approved or skipped) yields nothing
 * new, so a repeated submission is harmless; the first decision wins. A decision for a key with no
 * proposal is an error (DECISION_UNKNOWN): the screen is out of date.
 */
export function applyDecisions(proposals: readonly ProposedAction[], decisions: readonly Decision[], history: readonly StepRecord[]): DecisionEffects {
  const byKey = new Map(proposals.map((action) => [action.idempotencyKey, action]));
  const decided = new Set(history.filter((record) => record.status !== 'proposed').map((record) => record.idempotencyKey));
  const records: StepRecord[] = [];
  const outbox: OutboxMessage[] = [];
  for (const decision of decisions) {
    if (decided.has(decision.idempotencyKey)) continue;
    const action = byKey.get(decision.idempotencyKey);
    if (!action) {
      throw new EscalationError('DECISION_UNKNOWN', 'idempotencyKey', `no proposal "${decision.idempotencyKey}" to ${decision.outcome === 'approved' ? 'approve' : 'skip'}; reload the proposals`);
    }
    if (decision.decidedBy.trim() === '') throw new EscalationError('DECISION_UNKNOWN', 'decidedBy', 'a decision must name who made it');
    decided.add(decision.idempotencyKey);
    records.push(toRecord(action, decision.outcome, decision.decidedOn));
    if (decision.outcome === 'approved') {
      outbox.push({ idempotencyKey: action.idempotencyKey, action, approvedBy: decision.decidedBy, approvedOn: decision.decidedOn });
    }
  }
  return { records, outbox };
}
