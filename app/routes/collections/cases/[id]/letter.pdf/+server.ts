import { error } from '@sveltejs/kit';
import { caseReminderPdf, LetterLanguageError, LetterUnavailableError, parseLetterLanguage } from '$lib/server/collections/case-letter.ts';
import { ensureStaff, mayOpenCase, signedInStaff } from '$lib/server/collections/staff.ts';
import { getServices } from '$lib/server/services.ts';
import { CaseNotFoundError } from '$lib/server/workbench/index.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, locals }) => {
  const { warehouse, workbench, config } = getServices();
  if (!/^\d{1,18}$/.test(params.id)) error(404, { message: `There is no case ${params.id}` });
  try {
    const sender = signedInStaff(await ensureStaff(workbench.db), locals.principal);
    if (!(await mayOpenCase(workbench.db, BigInt(params.id), sender))) error(403, { message: 'This case is assigned to someone else', code: 'FORBIDDEN' });
    const { filename, pdf } = await caseReminderPdf(warehouse, workbench.db, BigInt(params.id), {
      lang: parseLetterLanguage(url.searchParams.get('lang')), timezone: config.timezone, sender,
    });
    return new Response(new Uint8Array(pdf), { headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${filename}"` } });
  } catch (err) {
    if (err instanceof CaseNotFoundError || err instanceof LetterUnavailableError || err instanceof LetterLanguageError) error(err.status, { message: err.message });
    throw err;
  }
};
