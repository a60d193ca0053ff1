import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { MAX_BODY_BYTES, type RouteSchema } from './schemas.ts';
import { searchParams } from './search-params.ts';
import { sendJson } from './send.ts';

/** The parsed JSON body of a route that declares one (undefined when the body was left out). */
export function requestBody<T = Record<string, unknown>>(res: Response): T | undefined {
  return res.locals.body as T | undefined;
}

function refuse(res: Response, status: number, code: string, message: string, param?: string): void {
  sendJson(res, status, { error: { code, message, ...(param ? { param } : {}) } });
}

/** The `x-error-code` a field declares (see schemas.ts), looked up through `.optional()`. */
function errorCodeOf(shape: z.ZodObject, key: string | undefined): string | undefined {
  let field = key === undefined ? undefined : (shape.shape as Record<string, z.ZodType>)[key];
  if (field instanceof z.ZodOptional) field = field.unwrap() as z.ZodType;
  const meta = field?.meta() as { 'x-error-code'?: string } | undefined;
  return meta?.['x-error-code'];
}

/** Checks values against a schema; answers 400 (with the field's own code) and returns false on the first problem. */
function check(res: Response, schema: z.ZodObject, values: Record<string, string>, where: string): boolean {
  const result = schema.safeParse(values);
  if (result.success) return true;
  const issue = result.error.issues[0]!;
  const key = issue.path[0] === undefined ? undefined : String(issue.path[0]);
  const code = issue.code === 'too_big' ? 'PARAMETER_TOO_LONG' : (errorCodeOf(schema, key) ?? 'BAD_PARAMETER');
  refuse(res, 400, code, `${where} parameter ${key ?? ''}: ${issue.message}`, key);
  return false;
}

/** Reads the raw body up to `max` bytes; null when it is longer. */
async function readBody(req: Request, max: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    req.resume(); // drain, so the 413 reaches the client
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) {
      req.resume();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The request check in front of a handler, from its route's schema: unknown or repeated query
 * parameters, the values the schema states, path parameters, and for POST the body (at most
 * MAX_BODY_BYTES, JSON, no unknown fields). The handler still parses the values its own way.
 */
export function validateRequest(schema: RouteSchema): RequestHandler {
  return async (req, res, next) => {
    if (schema.query) {
      const known = new Set(Object.keys(schema.query.shape));
      const values: Record<string, string> = {};
      const seen = new Set<string>();
      for (const [name, raw] of searchParams(req.originalUrl)) {
        if (!known.has(name)) {
          const takes = [...known].join(', ') || 'no parameters';
          return refuse(res, 400, 'UNKNOWN_PARAMETER', `unknown query parameter "${name.slice(0, 60)}"; this route takes ${takes}`, name.slice(0, 60));
        }
        if (seen.has(name)) return refuse(res, 400, 'REPEATED_PARAMETER', `query parameter "${name}" is given more than once`, name);
        seen.add(name);
        // Empty means "left out" to every handler; they trim, so the check does too.
        if (raw.trim() !== '') values[name] = raw.trim();
      }
      if (!check(res, schema.query, values, 'query')) return;
    }
    if (schema.path && !check(res, schema.path, { ...(req.params as Record<string, string>) }, 'path')) return;
    if (req.method === 'POST') {
      const raw = await readBody(req, MAX_BODY_BYTES);
      if (raw === null) return refuse(res, 413, 'BODY_TOO_LARGE', `the request body is larger than ${MAX_BODY_BYTES} bytes`);
      if (raw.length === 0 && schema.body && !schema.bodyOptional) return refuse(res, 400, 'BODY_REQUIRED', 'this route needs a JSON body');
      if (raw.length > 0) {
        if (!schema.body) return refuse(res, 400, 'BODY_NOT_ALLOWED', 'this route takes no request body');
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw.toString('utf8'));
        } catch {
          return refuse(res, 400, 'MALFORMED_JSON', 'the request body is not valid JSON');
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return refuse(res, 400, 'BAD_BODY', 'the request body must be a JSON object');
        const result = schema.body.safeParse(parsed);
        if (!result.success) {
          const issue = result.error.issues[0]!;
          if (issue.code === 'unrecognized_keys') {
            const [field] = issue.keys;
            return refuse(res, 400, 'UNKNOWN_FIELD', `unknown field "${String(field).slice(0, 60)}" in the request body; it takes ${Object.keys(schema.body.shape).join(', ') || 'no fields'}`, String(field).slice(0, 60));
          }
          const key = issue.path.map(String).join('.');
          return refuse(res, 400, 'BAD_BODY', `body field ${key}: ${issue.message}`, key || undefined);
        }
        res.locals.body = result.data;
      }
    }
    next();
  };
}
