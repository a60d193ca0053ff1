import type { NextFunction, Request, Response } from 'express';
import { logger as processLogger, type Logger } from './log.ts';
import { observeRequest } from './metrics.ts';
import { withRequestInfo, type RequestInfo } from './request-context.ts';

/** The label of a request no route claimed (a few values only: metrics labels must stay bounded). */
function unmatchedRoute(path: string): string {
  if (path.startsWith('/_app/')) return '(static /_app)';
  if (path.startsWith('/api/v1/')) return '(unmatched /api/v1)';
  return '(unmatched)';
}

/**
 * Express middleware, first in app/serve.ts: per request the latency histogram and one access-log
 * line `http.request` (method, route pattern, status, ms, the caller's kind or role). The route and
 * caller are noted into the request's RequestInfo by the API guard or the SvelteKit handle hook;
 * the raw URL (ids, query strings with names or e-mails) and cookies are never logged. Static
 * assets (/_app/…) are measured but not logged line by line.
 */
export function accessLog(log: Logger = processLogger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const began = performance.now();
    const info: RequestInfo = { route: null, principal: 'anonymous' };
    res.once('close', () => {
      const ms = performance.now() - began;
      const route = info.route ?? unmatchedRoute(req.originalUrl.split('?')[0]!); // req.path is relative to a mounted router
      const status = res.writableFinished ? res.statusCode : 499; // 499: the client went away first
      observeRequest(req.method, route, status, ms / 1000);
      if (route !== '(static /_app)') log.info('http.request', { method: req.method, route, status, ms: Math.round(ms * 10) / 10, principal: info.principal });
    });
    withRequestInfo(info, () => next());
  };
}
