/** Bad input to a receivables report, answered with HTTP 400 and the code. */
export class ReceivablesInputError extends Error {
  readonly status = 400;
  constructor(
    readonly code:
      | 'BAD_AS_OF'
      | 'BAD_BASIS'
      | 'BAD_BUCKETS'
      | 'BAD_CURRENCY'
      | 'BAD_GROUP_BY'
      | 'BAD_BUCKET'
      | 'BAD_CEI_VARIANT'
      | 'BAD_KEY'
      | 'BAD_DIMENSION'
      | 'BAD_LIMIT'
      | 'BAD_OFFSET'
      | 'BAD_FORMAT'
      | 'BAD_RATES',
    message: string,
    readonly param: string,
  ) {
    super(message);
  }
}
