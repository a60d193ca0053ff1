/**
 * A bad receivables request as the page's error says it: the error's own message in English (it
 * quotes the value, as /api/v1 answers), the rule of the parameter in other languages.
 */
import { m } from '$lib/paraglide/messages.js';
import { currentLocale } from '../../i18n/locale.ts';
import type { ReceivablesInputError } from './errors.ts';

const RULES: Readonly<Record<ReceivablesInputError['code'], () => string>> = {
  BAD_AS_OF: m.cl_rerr_as_of,
  BAD_BASIS: m.cl_rerr_basis,
  BAD_BUCKETS: m.cl_rerr_buckets,
  BAD_CURRENCY: m.cl_rerr_currency,
  BAD_GROUP_BY: m.cl_rerr_group_by,
  BAD_BUCKET: m.cl_rerr_bucket,
  BAD_CEI_VARIANT: m.cl_rerr_cei,
  BAD_KEY: m.cl_rerr_key,
  BAD_DIMENSION: m.cl_rerr_dimension,
  BAD_LIMIT: m.cl_rerr_limit,
  BAD_OFFSET: m.cl_rerr_offset,
  BAD_FORMAT: m.cl_rerr_format,
  BAD_RATES: m.cl_rerr_rates,
};

export function receivablesInputMessage(err: ReceivablesInputError): string {
  return currentLocale() === 'en' ? err.message : RULES[err.code]();
}
