import { z } from 'zod';
import { PERMISSIONS, type Requirement } from '../../access/permissions.ts';
import { API_RULES } from '../../access/routes.ts';
import { ROUTE_SCHEMAS, type ApiResponseSpec, type RouteSchema } from './schemas.ts';

/**
 * The OpenAPI 3.1 document of /api/v1, built from API_RULES (who may call what) and ROUTE_SCHEMAS
 * (the zod schemas validate.ts checks requests with). A route in API_RULES without a schema stops
 * the build, so the document always lists every route the router serves.
 */

type Json = Record<string, unknown>;

export interface OpenApiOperation {
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly tags: string[];
  readonly parameters: Json[];
  readonly requestBody?: Json;
  readonly responses: Record<string, Json>;
  readonly security: Record<string, string[]>[];
  readonly 'x-required-scope': Requirement;
}

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { title: string; version: string; description: string };
  readonly servers: { url: string }[];
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components: Json;
}

/** `/sync/runs/:runId` → `/sync/runs/{runId}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

function jsonSchema(schema: z.ZodType): Json {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

function parameters(schema: RouteSchema): Json[] {
  const list: Json[] = [];
  for (const [where, object] of [['path', schema.path], ['query', schema.query]] as const) {
    if (!object) continue;
    const js = jsonSchema(object) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, property] of Object.entries(js.properties ?? {})) {
      const { description, ...rest } = property;
      list.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  return list;
}

const ERROR_REF = { $ref: '#/components/schemas/Error' };

function response(spec: ApiResponseSpec, status: number): Json {
  if (status >= 400) return { description: spec.description, content: { 'application/json': { schema: ERROR_REF } } };
  const types = spec.content ?? ['application/json'];
  const content: Json = {};
  for (const type of types) content[type] = { schema: type === 'application/json' ? { type: 'object' } : { type: 'string', ...(type === 'application/octet-stream' ? { contentMediaType: type } : {}) } };
  return { description: spec.description, content };
}

function operation(key: string, requirement: Requirement, schema: RouteSchema): OpenApiOperation {
  const responses: Record<string, Json> = {};
  for (const [status, spec] of Object.entries(schema.responses)) responses[status] = response(spec, Number(status));
  responses['400'] ??= response({ description: 'Bad input' }, 400);
  if (requirement !== 'public') {
    responses['401'] = response({ description: 'No valid API token or session (UNAUTHENTICATED)' }, 401);
    responses['403'] = response({ description: `The token lacks the scope "${requirement}" (FORBIDDEN)` }, 403);
  }
  const who =
    requirement === 'public' ? 'Public: no token needed.' : requirement === 'signed-in' ? 'Any valid token or session.' : `Requires the scope \`${requirement}\` (${PERMISSIONS[requirement]}).`;
  return {
    operationId: key.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, ''),
    summary: schema.summary,
    description: [who, schema.description, 'Unknown or repeated query parameters answer 400 UNKNOWN_PARAMETER / REPEATED_PARAMETER.'].filter(Boolean).join('\n\n'),
    tags: [schema.tag],
    parameters: parameters(schema),
    ...(schema.body
      ? { requestBody: { required: !schema.bodyOptional, content: { 'application/json': { schema: jsonSchema(schema.body) } }, description: `JSON, at most 64 KiB; unknown fields answer 400 UNKNOWN_FIELD, malformed JSON 400 MALFORMED_JSON, larger bodies 413 BODY_TOO_LARGE.` } }
      : {}),
    responses,
    security: requirement === 'public' ? [] : [{ bearerToken: [] }, { sessionCookie: [] }],
    'x-required-scope': requirement,
  };
}

export function buildOpenApiDocument(rules: Readonly<Record<string, Requirement>> = API_RULES, schemas: Readonly<Record<string, RouteSchema>> = ROUTE_SCHEMAS): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const [key, requirement] of Object.entries(rules)) {
    const schema = schemas[key];
    if (!schema) throw new Error(`no request schema for API route ${key} (app/lib/server/api/schemas.ts)`);
    const [method, path] = key.split(' ') as [string, string];
    (paths[`/api/v1${openApiPath(path)}`] ??= {})[method.toLowerCase()] = operation(key, requirement, schema);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ledgerlens integration API',
      version: '1',
      description:
        'Read endpoints for revenue, MRR, aging, collections, churn and forecasts; the outboxes of approved actions with idempotent acknowledgement. ' +
        'Authenticate with `Authorization: Bearer llt_…` (an API token an admin creates on /admin/tokens; its scopes are permission names). ' +
        'Money is in integer minor units, sent as decimal strings. Errors are `{ error: { code, message, param? } }`.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', bearerFormat: 'llt_ API token', description: 'An API token; its scopes are Ledgerlens permissions (x-required-scope of each operation).' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'ledgerlens_session', description: 'The session of a signed-in user (the role decides).' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, param: { type: 'string' } } } },
        },
      },
      'x-scopes': PERMISSIONS,
    },
  };
}

let cached: OpenApiDocument | null = null;

export function openApiDocument(): OpenApiDocument {
  return (cached ??= buildOpenApiDocument());
}
