import { createHash, randomBytes } from 'node:crypto';

/** A random secret (256 bits, URL-safe) and the SHA-256 we store instead of it. */
export function newSecret(prefix: string): { token: string; hash: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256(token) };
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
