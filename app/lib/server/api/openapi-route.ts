import type { RequestHandler } from 'express';
import { openApiDocument } from './openapi.ts';
import { sendJson } from './send.ts';

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of this API (generated from the request schemas and API_RULES). */
export const getOpenApi: RequestHandler = (_req, res) => {
  res.setHeader('Cache-Control', 'no-cache');
  sendJson(res, 200, openApiDocument());
};
