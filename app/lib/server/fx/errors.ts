/** A rate that cannot be read or a conversion without a rate; `code` says which, the message what to do. */
export class FxError extends Error {
  readonly status = 400;
  constructor(
    readonly code: 'FX_BAD_RATE' | 'FX_RATE_MISSING' | 'FX_BAD_INPUT',
    message: string,
  ) {
    super(message);
  }
}
