import { AsyncLocalStorage } from 'node:async_hooks';
import { getLocale, overwriteServerAsyncLocalStorage } from '$lib/paraglide/runtime.js';
import { setLocaleSource, type Locale } from './locale.ts';

/**
 * The language of the request being rendered. Paraglide reads it from this store (its documented
 * server hook); we fill the store ourselves because the language comes from the signed-in user,
 * which only hooks.server.ts knows, rather than from paraglide's URL or cookie strategies.
 */
type Store = { locale?: Locale; origin?: string; messageCalls?: Set<string> };
const storage = new AsyncLocalStorage<Store>();
overwriteServerAsyncLocalStorage(storage);
setLocaleSource(getLocale);

export function runInLocale<T>(locale: Locale, origin: string, fn: () => T): T {
  return storage.run({ locale, origin, messageCalls: new Set() }, fn);
}
