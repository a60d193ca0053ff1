import type { PolicyProblem } from '../escalation/index.ts';

/**
 * Someone saved a newer policy version after the editor opened theirs (optimistic locking, as
 * cases do): nothing was saved. The message says who, when and why, so the second editor can
 * reload, look at their change and redo theirs.
 */
export class PolicyConflictError extends Error {
  readonly code = 'POLICY_CONFLICT';
  readonly status = 409;
  constructor(
    readonly baseVersion: number,
    readonly currentVersion: number,
    readonly savedBy: string | null,
    readonly savedAt: Date | null,
    readonly savedComment: string | null,
  ) {
    super(
      `The policy was changed after you opened it: you edited version ${baseVersion}, the active version is now ${currentVersion}` +
        (savedBy ? `, saved by ${savedBy}${savedAt ? ` at ${savedAt.toISOString()}` : ''}${savedComment ? ` ("${savedComment}")` : ''}` : '') +
        '. Nothing of yours was saved: reload the editor to see their version, then make your change again.',
    );
  }
}

/** The edited policy breaks a rule (per field): nothing was saved. */
export class PolicyInvalidError extends Error {
  readonly code = 'POLICY_INVALID';
  readonly status = 400;
  constructor(readonly problems: readonly PolicyProblem[]) {
    super(`The policy was not saved: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix (${problems.map((p) => p.field).join(', ')})`);
  }
}

/** A stored policy version that no longer reads (a hand-edited row, a format from a newer Ledgerlens). */
export class StoredPolicyUnreadableError extends Error {
  readonly code = 'POLICY_UNREADABLE';
  readonly status = 500;
}

/** Bad input to the rate table editor (unknown table, a date or rate that does not parse). */
export class RateInputError extends Error {
  readonly code = 'RATE_INPUT_INVALID';
  readonly status = 400;
  constructor(readonly field: string, message: string) {
    super(message);
  }
}
