import { redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/auth/audit.ts';
import { clearSessionCookie } from '$lib/server/auth/cookies.ts';
import { endSession } from '$lib/server/auth/sessions.ts';
import { getServices } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies, getClientAddress }) => {
  const db = getServices().workbench.db;
  if (locals.principal?.kind === 'user') {
    await endSession(db, locals.principal.sessionId);
    await audit(db, { kind: 'sign_out', principal: locals.principal, ip: getClientAddress() });
  }
  clearSessionCookie(cookies);
  redirect(303, '/login');
};
