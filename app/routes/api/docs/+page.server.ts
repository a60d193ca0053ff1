import { openApiDocument } from '$lib/server/api/openapi.ts';
import type { PageServerLoad } from './$types';

interface DocParameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly description: string;
  readonly type: string;
  readonly errorCode: string | null;
}

/** The OpenAPI document flattened for reading: one entry per operation, grouped by tag. */
export const load: PageServerLoad = () => {
  const doc = openApiDocument();
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      id: op.operationId,
      method: method.toUpperCase(),
      path,
      tag: op.tags[0] ?? 'Other',
      summary: op.summary,
      description: op.description,
      scope: op['x-required-scope'],
      parameters: op.parameters.map((p): DocParameter => {
        const schema = (p.schema ?? {}) as { type?: string; enum?: string[]; pattern?: string; 'x-error-code'?: string };
        return {
          name: String(p.name), in: String(p.in), required: Boolean(p.required), description: String(p.description ?? ''),
          type: schema.enum ? schema.enum.join(' | ') : schema.pattern ? `${schema.type} /${schema.pattern}/` : (schema.type ?? 'string'),
          errorCode: schema['x-error-code'] ?? null,
        };
      }),
      body: op.requestBody ? JSON.stringify((op.requestBody as { content: Record<string, { schema: unknown }> }).content['application/json']?.schema, null, 2) : null,
      responses: Object.entries(op.responses).map(([status, r]) => ({ status, description: String(r.description), types: Object.keys((r.content as object | undefined) ?? {}) })),
    })),
  );
  const tags = [...new Set(operations.map((o) => o.tag))];
  return { title: doc.info.title, description: doc.info.description, version: doc.info.version, tags, operations };
};
