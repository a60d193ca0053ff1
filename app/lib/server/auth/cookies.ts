import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './sessions.ts';

/** HTTP-only, SameSite=Lax, Secure (SvelteKit relaxes Secure on http://localhost only). */
export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
  cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: true, expires: expiresAt });
}

export function clearSessionCookie(cookies: Cookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: true });
}

/** A post-sign-in target only within this site ("/x", never "//host" or "http://…"). */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.length > 2000) return null;
  return next;
}
