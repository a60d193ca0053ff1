/**
 * NUL (U+0000) in request input. No field of Ledgerlens means anything with it, and Postgres text
 * cannot hold it (the workbench would fail the query with a 500), so requests carrying one are
 * refused at the edge with a 400 naming the field, before any handler sees them.
 */

const NUL = '\u0000';

/** Where a NUL was found: 'path', a query parameter's name, or a form field's name; null when none. */
export type NulPlace = string | null;

export function nulInUrl(url: URL): NulPlace {
  if (safeDecode(url.pathname).includes(NUL)) return 'path';
  for (const [name, value] of url.searchParams) if (name.includes(NUL) || value.includes(NUL)) return name.replaceAll(NUL, '\\0');
  return null;
}

export function nulInForm(form: FormData): NulPlace {
  for (const [name, value] of form) if (name.includes(NUL) || (typeof value === 'string' && value.includes(NUL))) return name.replaceAll(NUL, '\\0');
  return null;
}

/** A form post's body (url-encoded or multipart) worth reading for NULs. */
export function isFormPost(request: Request): boolean {
  const type = request.headers.get('content-type') ?? '';
  return request.method === 'POST' && (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'));
}

export function nulMessage(place: string): string {
  return place === 'path' ? 'The address contains a NUL character (\\0), which no page accepts' : `${place} contains a NUL character (\\0), which no field accepts`;
}

function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}
