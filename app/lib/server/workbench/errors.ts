/**
 * Errors the workbench throws. Each has a stable `code` (for the API and the UI) and a message a
 * collector or operator can act on; `status` is the HTTP status a route should answer with.
 */

/** The workbench database could not be opened or migrated (startup). */
export class WorkbenchUnavailableError extends Error {
  readonly code = 'WORKBENCH_UNAVAILABLE';
  readonly status = 503;
}

export class WorkbenchMigrationError extends Error {
  readonly code = 'WORKBENCH_MIGRATION_FAILED';
  readonly status = 503;
  constructor(readonly migration: string | null, message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * Someone else changed the case since the caller read it (optimistic locking): nothing was written.
 * The message says who and when; the UI should reload the case and let the collector redo the change.
 */
export class CaseConflictError extends Error {
  readonly code = 'CASE_CONFLICT';
  readonly status = 409;
  constructor(
    readonly caseId: bigint,
    readonly expectedVersion: number,
    readonly currentVersion: number,
    /** Actor of the latest change. */
    readonly changedBy: string,
    readonly changedAt: Date,
    /** What they did (case_events.kind of the latest event), when known. */
    readonly lastChange: string | null,
  ) {
    super(
      `Case ${caseId} was changed by ${changedBy} at ${changedAt.toISOString()}${lastChange ? ` (${lastChange.replaceAll('_', ' ')})` : ''} ` +
        `after you opened it (you have version ${expectedVersion}, it is now version ${currentVersion}). ` +
        'Nothing of yours was saved: reload the case to see their change, then try again.',
    );
  }
}

export class CaseNotFoundError extends Error {
  readonly code = 'CASE_NOT_FOUND';
  readonly status = 404;
  constructor(readonly caseId: bigint) {
    super(`There is no case ${caseId}`);
  }
}

/** The change does not fit the case's status (e.g. resolving a resolved case, reopening while another case is open). */
export class CaseStateError extends Error {
  readonly code = 'CASE_STATE_INVALID';
  readonly status = 409;
}

/** Bad input from the caller (unknown staff member, non-positive amount, malformed date or currency). */
export class WorkbenchInputError extends Error {
  readonly code = 'WORKBENCH_INPUT_INVALID';
  readonly status = 400;
}

export class PromiseNotFoundError extends Error {
  readonly code = 'PROMISE_NOT_FOUND';
  readonly status = 404;
}

export class ActionNotFoundError extends Error {
  readonly code = 'ACTION_NOT_FOUND';
  readonly status = 404;
}

/** Approve/skip of an action that was already decided the other way (approve twice is not an error). */
export class ActionStateError extends Error {
  readonly code = 'ACTION_STATE_INVALID';
  readonly status = 409;
}

/** Cancel of a promise that is no longer open (kept, broken or already cancelled). */
export class PromiseStateError extends Error {
  readonly code = 'PROMISE_STATE_INVALID';
  readonly status = 409;
}
