import { defineCustomClientStrategy, getLocale } from '$lib/paraglide/runtime.js';
import { isLocale, setLocaleSource } from './locale.ts';

/**
 * In the browser the language is the one the server rendered the page in (<html lang>). Changing
 * it is a form post to /account?/locale that reloads the page, so there is nothing to set here.
 */
defineCustomClientStrategy('custom-ledgerlens', {
  getLocale: () => {
    const lang = typeof document === 'undefined' ? undefined : document.documentElement.lang;
    return isLocale(lang) ? lang : undefined;
  },
  setLocale: () => {},
});
if (typeof document !== 'undefined') setLocaleSource(getLocale);
