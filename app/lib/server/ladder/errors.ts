export type LadderInputErrorCode = 'BAD_FROM' | 'BAD_TO' | 'BAD_RANGE' | 'BAD_SOURCE' | 'BAD_RUN' | 'BAD_FORMAT';

/** Bad input to the ladder analytics or a replay request: HTTP 400 with the code and the parameter. */
export class LadderInputError extends Error {
  readonly status = 400;
  constructor(readonly code: LadderInputErrorCode, message: string, readonly param: string) {
    super(message);
  }
}

/** The replay run asked for does not exist (404). */
export class ReplayRunNotFoundError extends Error {
  readonly code = 'REPLAY_RUN_NOT_FOUND';
  readonly status = 404;
}

/** A replay is already running (409): one at a time, since each reads the whole warehouse. */
export class ReplayBusyError extends Error {
  readonly code = 'REPLAY_BUSY';
  readonly status = 409;
}
