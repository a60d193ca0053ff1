export type DataQualityInputErrorCode = 'BAD_TABLE' | 'BAD_RULE' | 'BAD_LIMIT' | 'BAD_OFFSET' | 'BAD_RUN_ID' | 'BAD_MODE' | 'BAD_FORMAT';

/** A data-quality request the caller must fix (HTTP 400); `param` names the query parameter at fault. */
export class DataQualityInputError extends Error {
  readonly status = 400;
  constructor(
    readonly code: DataQualityInputErrorCode,
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/** A sync run id that is well formed but not in meta.sync_runs (HTTP 404). */
export class SyncRunNotFoundError extends Error {
  readonly code = 'RUN_NOT_FOUND';
  readonly status = 404;
  readonly param = 'runId';
  constructor(readonly runId: bigint) {
    super(`there is no sync run ${runId}; GET /api/v1/sync/runs lists the recent ones`);
  }
}
