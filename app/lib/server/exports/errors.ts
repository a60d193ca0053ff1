export type ExportErrorCode = 'UNKNOWN_DATASET' | 'BAD_FORMAT' | 'BAD_PARAM' | 'BAD_QUERY' | 'BAD_TIMEZONE';

/** An export request the caller must fix (HTTP 400); `param` names the query parameter at fault. */
export class ExportInputError extends Error {
  readonly status = 400;
  constructor(
    readonly code: ExportErrorCode,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}
