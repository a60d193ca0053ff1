import { error } from '@sveltejs/kit';
import { caseReminderPdf, LetterLanguageError, LetterUnavailableError, parseLetterLanguage } from '$lib/server/collections/case-letter.ts';
import { COLLECTOR_COOKIE, ensureStaff, resolveCollector } from '$lib/server/collections/staff.ts';
import { getServices } from '$lib/server/services.ts';
import { CaseNotFoundError } from '$lib/server/workbench/index.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, cookies }) => {
  const { warehouse, workbench, config } = getServices();
  if (!/^\d{1,18}$/.test(params.id)) error(404, { message: `There is no case ${params.id}` });
  try {
    const sender = resolveCollector(await ensureStaff(workbench.db), cookies.get(COLLECTOR_COOKIE));
    const { filename, pdf } = await caseReminderPdf(warehouse, workbench.db, BigInt(params.id), {
      lang: parseLetterLanguage(url.searchParams.get('lang')), timezone: config.timezone, sender,
    });
    return new Response(new Uint8Array(pdf), { headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${filename}"` } });
  } catch (err) {
    if (err instanceof CaseNotFoundError || err instanceof LetterUnavailableError || err instanceof LetterLanguageError) error(err.status, { message: err.message });
    throw err;
  }
};
