/** Reads a PostgreSQL error's SQLSTATE and constraint from what `pg` throws (no import of pg's types). */
export function pgError(err: unknown): { readonly code: string | null; readonly constraint: string | null } {
  const e = err as { code?: unknown; constraint?: unknown } | null;
  return {
    code: typeof e?.code === 'string' ? e.code : null,
    constraint: typeof e?.constraint === 'string' ? e.constraint : null,
  };
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
