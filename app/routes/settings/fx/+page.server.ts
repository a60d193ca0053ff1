import { m } from '$lib/paraglide/messages.js';
import { fail } from '@sveltejs/kit';
import { FxError } from '$lib/server/fx/errors.ts';
import { FxInputError, listRates, parseRatesCsv, saveRates, validateRate } from '$lib/server/fx/rates.ts';
import { getServices } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

/** Largest rates file accepted in one upload (a rate a day for 20 currencies over 10 years fits easily). */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export const load: PageServerLoad = async () => {
  const rates = await listRates(getServices().workbench.db);
  return { rates: rates.reverse() };
};

// Known limitation: until sign-in lands (issue 8) every visitor may edit rates; entries record "web" as who.
export const actions: Actions = {
  add: async ({ request }) => {
    const form = await request.formData();
    const text = (name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : undefined);
    const checked = validateRate({ date: text('date'), currency: text('currency'), quote: text('quote'), rate: text('rate'), source: text('source') });
    if (typeof checked === 'string') return fail(400, { form: 'add', message: checked });
    await saveRates(getServices().workbench.db, [checked], 'web');
    return { form: 'add', saved: 1 };
  },
  upload: async ({ request }) => {
    const form = await request.formData();
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return fail(400, { form: 'upload', message: m.dt_fx_err_choose_file() });
    if (file.size > MAX_UPLOAD_BYTES) return fail(413, { form: 'upload', message: m.dt_fx_err_too_big({ size: (file.size / 1024 / 1024).toFixed(1) }) });
    try {
      const rates = await parseRatesCsv(await file.text());
      const saved = await saveRates(getServices().workbench.db, rates, 'web (csv)');
      return { form: 'upload', saved };
    } catch (err) {
      if (err instanceof FxInputError) return fail(400, { form: 'upload', message: err.message, problems: err.problems.slice(0, 50) });
      if (err instanceof FxError) return fail(400, { form: 'upload', message: err.message });
      throw err;
    }
  },
};
