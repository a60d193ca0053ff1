export type RevenueFilterErrorCode =
  | 'BAD_MONTH'
  | 'MONTH_RANGE_REVERSED'
  | 'MONTH_RANGE_TOO_LONG'
  | 'BAD_CURRENCY'
  | 'BAD_DIMENSION'
  | 'BAD_FORMAT';

/** A revenue request the caller must fix (HTTP 400); `param` names the query parameter at fault. */
export class RevenueFilterError extends Error {
  readonly status = 400;
  constructor(
    readonly code: RevenueFilterErrorCode,
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}
