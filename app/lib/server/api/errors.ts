import type { ErrorRequestHandler } from 'express';
import { sendJson } from './send.ts';

interface CodedError {
  code: string;
  status: number;
  message: string;
  param?: string;
}

function isClientFacing(err: unknown): err is CodedError {
  if (!(err instanceof Error)) return false;
  const e = err as Partial<CodedError>;
  return typeof e.code === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 600;
}

/**
 * Turns errors with a `code` and an HTTP `status` (RevenueFilterError, DataQualityInputError, ReceivablesInputError, ExportInputError, SyncRunNotFoundError, ServicesNotReadyError) into
 * `{ error: { code, message, param? } }`; anything else is logged and answered 500 without details.
 */
export const apiErrorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (isClientFacing(err)) {
    if (err.status === 503) res.setHeader('Retry-After', '5');
    sendJson(res, err.status, { error: { code: err.code, message: err.message, ...(err.param ? { param: err.param } : {}) } });
    return;
  }
  console.error(
    JSON.stringify({ event: 'api_error', method: req.method, path: req.path, error: err instanceof Error ? err.stack : String(err) }),
  );
  sendJson(res, 500, { error: { code: 'INTERNAL', message: 'internal error; see the server log' } });
};
