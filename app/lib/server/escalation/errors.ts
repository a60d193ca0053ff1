export type EscalationErrorCode =
  | 'BAD_DATE'
  | 'BAD_FRACTION'
  | 'BAD_POLICY'
  | 'BAD_CASE'
  | 'RATE_TABLE_UNKNOWN'
  | 'RATE_TABLE_INVALID'
  | 'NO_RATE_FOR_DATE'
  | 'CURRENCY_NOT_IN_RULE'
  | 'DECISION_UNKNOWN';

/**
 * A policy, case or decision the caller must fix. `field` names the offending part
 * (e.g. 'steps[2].id', 'invoices[INV-7].dueDate') so the workbench can point at it.
 */
export class EscalationError extends Error {
  constructor(
    readonly code: EscalationErrorCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'EscalationError';
  }
}
