/** Query parameters of a request URL (express 5's req.query is parsed with its own rules; we want plain strings). */
export function searchParams(originalUrl: string): URLSearchParams {
  return new URL(originalUrl, 'http://localhost').searchParams;
}
