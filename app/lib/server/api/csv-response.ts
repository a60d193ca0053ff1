import type { Response } from 'express';

/** A CSV download (text/csv, UTF-8, attachment with the given file name). */
export function sendCsv(res: Response, filename: string, body: string): void {
  res.status(200).type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}
