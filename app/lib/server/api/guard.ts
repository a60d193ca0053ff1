import type { Request, RequestHandler } from 'express';
import type { Requirement } from '../../access/permissions.ts';
import { principalOfApiToken } from '../auth/api-tokens.ts';
import { audit } from '../auth/audit.ts';
import { decide } from '../auth/authorize.ts';
import { runAs, type Principal } from '../auth/principal.ts';
import { principalOfSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { noteRequest } from '../ops/request-context.ts';
import { findServices, getServices } from '../services.ts';
import { sendJson } from './send.ts';

/** Finds who calls an API route; the default reads a Bearer API token or the session cookie. */
export type Authenticate = (req: Request, route: string) => Promise<Principal | null>;

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export const authenticateRequest: Authenticate = async (req, route) => {
  const { workbench } = getServices();
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match ? principalOfApiToken(workbench.db, match[1]!, { route, ip: req.ip ?? null }) : null;
  }
  return principalOfSession(workbench.db, cookie(req, SESSION_COOKIE));
};

/**
 * The check in front of one API route: 401 without a valid token or session, 403 without the
 * permission; otherwise the handler runs as the principal (so exports mask personal data).
 */
export function guard(route: string, requirement: Requirement, authenticate: Authenticate): RequestHandler {
  const pattern = `/api/v1${route.slice(route.indexOf(' ') + 1)}`;
  return async (req, res, next) => {
    noteRequest(pattern, null);
    if (requirement === 'public') return runAs(null, () => next());
    const principal = await authenticate(req, route);
    noteRequest(pattern, principal);
    const decision = decide(principal, requirement);
    if (decision === 'sign-in') {
      res.setHeader('WWW-Authenticate', 'Bearer realm="ledgerlens"');
      return sendJson(res, 401, { error: { code: 'UNAUTHENTICATED', message: req.headers.authorization ? 'The API token is unknown or revoked' : 'Send an API token (Authorization: Bearer …) or sign in' } });
    }
    if (decision === 'forbidden') {
      await audit(getServices().workbench.db, { kind: 'access_denied', outcome: 'denied', principal, target: `${req.method} ${req.originalUrl.split('?')[0]}`, ip: req.ip ?? null, details: { requires: requirement } }).catch(() => undefined);
      return sendJson(res, 403, { error: { code: 'FORBIDDEN', message: `This ${principal?.kind === 'token' ? 'token lacks the scope' : 'role lacks the permission'} "${requirement}"` } });
    }
    if (route === 'GET /exports/:dataset' || (typeof req.query.format === 'string' && req.query.format !== 'json') || route.endsWith('.csv')) {
      res.once('finish', () => {
        // Tests that mount the router over a bare warehouse have no workbench to write to.
        const db = findServices()?.workbench?.db;
        if (!db) return;
        void audit(db, {
          kind: 'export', principal, outcome: res.statusCode < 400 ? 'ok' : 'failed', target: req.originalUrl.split('?')[0] ?? req.path, ip: req.ip ?? null,
          details: { route, status: res.statusCode, query: Object.keys(req.query).join(',') },
        }).catch((err: Error) => console.error(JSON.stringify({ event: 'audit_failed', route, error: err.message })));
      });
    }
    runAs(principal, () => next());
  };
}
