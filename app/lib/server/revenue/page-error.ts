import { m } from '$lib/paraglide/messages.js';
import { currentLocale } from '../../i18n/locale.ts';

/**
 * The message a page's 400 shows for a bad query string. The parsers' errors are shared with
 * /api/v1, whose JSON messages stay English; a page in another language says the error by its code
 * (and the parameter it names) instead. English pages keep the parser's exact, more detailed text.
 */
const TEXT: Readonly<Record<string, (param: string) => string>> = {
  BAD_MONTH: (param) => m.rv_err_bad_month({ param }),
  MONTH_RANGE_REVERSED: () => m.rv_err_range_reversed(),
  MONTH_RANGE_TOO_LONG: () => m.rv_err_range_too_long(),
  BAD_CURRENCY: (param) => m.rv_err_bad_currency({ param }),
  BAD_DIMENSION: (param) => m.rv_err_bad_dimension({ param }),
  BAD_FORMAT: (param) => m.rv_err_bad_value({ param }),
  BAD_GROUP_BY: (param) => m.rv_err_bad_value({ param }),
  BAD_PERIOD: (param) => m.rv_err_bad_value({ param }),
  BAD_KIND: (param) => m.rv_err_bad_value({ param }),
  BAD_PART: (param) => m.rv_err_bad_value({ param }),
  BAD_SETTING: (param) => m.rv_err_bad_setting({ param }),
  BAD_LIMIT: (param) => m.rv_err_bad_number({ param }),
  BAD_OFFSET: (param) => m.rv_err_bad_number({ param }),
  BAD_TOP: (param) => m.rv_err_bad_number({ param }),
  BAD_REPORTING: () => m.rv_err_bad_reporting(),
  BAD_SERVICE: () => m.rv_err_bad_service(),
  FX_RATE_MISSING: () => m.rv_err_fx_missing(),
  FX_BAD_RATE: () => m.rv_err_fx_bad(),
  FX_BAD_INPUT: () => m.rv_err_fx_bad(),
  BAD_RUN_DATE: () => m.rv_err_bad_run_date(),
};

export function pageErrorMessage(err: { readonly code: string; readonly message: string; readonly param?: string }): string {
  if (currentLocale() === 'en') return err.message;
  return TEXT[err.code]?.(err.param ?? '') ?? err.message;
}
