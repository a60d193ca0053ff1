import type { Response } from 'express';
import { stringifyJson } from '../json.ts';

/** Sends a JSON body; bigints become decimal strings (see stringifyJson). */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/json; charset=utf-8').send(stringifyJson(body));
}

/** The error body of every /api/v1 route. */
export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly param?: string };
}
