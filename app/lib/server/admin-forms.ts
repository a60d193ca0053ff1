import { fail } from '@sveltejs/kit';
import { WorkbenchInputError } from './workbench/errors.ts';

/** A form field holding a row id (bigint); anything else reads as "no such <what>". */
export function formRowId(form: FormData, what: string, field = 'id'): bigint {
  const raw = String(form.get(field) ?? '');
  if (!/^\d{1,18}$/.test(raw)) throw new WorkbenchInputError(`No such ${what}`);
  return BigInt(raw);
}

/** Runs an admin form's change; input problems come back to the form (named `form`) as 400 with the message. */
export async function adminChange<T extends Record<string, unknown>>(request: Request, form: string, run: (data: FormData) => Promise<T>) {
  const data = await request.formData();
  try {
    return { form, ...(await run(data)) } as { form: string } & T;
  } catch (err) {
    if (err instanceof WorkbenchInputError) return fail(400, { form, message: err.message });
    throw err;
  }
}
