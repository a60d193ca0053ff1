export type MrrInputErrorCode =
  | 'BAD_MONTH'
  | 'MONTH_RANGE_REVERSED'
  | 'MONTH_RANGE_TOO_LONG'
  | 'BAD_CURRENCY'
  | 'BAD_DIMENSION'
  | 'BAD_GROUP_BY'
  | 'BAD_PERIOD'
  | 'BAD_SETTING'
  | 'BAD_KIND'
  | 'BAD_LIMIT'
  | 'BAD_OFFSET'
  | 'BAD_FORMAT'
  | 'BAD_REPORTING';

/** An MRR or retention request the caller must fix (HTTP 400); `param` names the query parameter at fault. */
export class MrrInputError extends Error {
  readonly status = 400;
  constructor(
    readonly code: MrrInputErrorCode,
    message: string,
    readonly param: string,
  ) {
    super(message);
  }
}
