/**
 * The UI languages and how a request's language is chosen. Pure: no paraglide import, so modules
 * run outside Vite (CLI, pipelines via tsx) can use the formatters; they get English.
 */

export type Locale = 'en' | 'ru';

export const LOCALES: readonly Locale[] = ['en', 'ru'];

/** The Intl locale behind each UI language (numbers, dates, currency symbols). */
export const INTL_LOCALE: Readonly<Record<Locale, string>> = { en: 'en-US', ru: 'ru-RU' };

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'ru';
}

/**
 * The language of a request: the signed-in user's saved choice; else the browser's first
 * Accept-Language entry that is Russian or English (by q-weight); else English.
 */
export function resolveLocale(saved: Locale | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (saved && isLocale(saved)) return saved;
  return fromAcceptLanguage(acceptLanguage ?? '') ?? 'en';
}

/** "ru-RU,ru;q=0.9,en;q=0.8" → 'ru'; "de-DE,en;q=0.5" → 'en'; "de" → undefined. */
export function fromAcceptLanguage(header: string): Locale | undefined {
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const r of ranges) {
    if (r.primary === 'ru') return 'ru';
    if (r.primary === 'en') return 'en';
  }
  return undefined;
}

/**
 * Where the formatters learn the current language. app/lib/i18n/server.ts (per request) and
 * app/lib/i18n/client.ts (the page's <html lang>) register paraglide's getLocale here.
 */
let source: () => string = () => 'en';

export function setLocaleSource(get: () => string): void {
  source = get;
}

export function currentLocale(): Locale {
  const locale = source();
  return isLocale(locale) ? locale : 'en';
}

/** The Intl locale for the current language: "en-US" or "ru-RU". */
export function intlLocale(): string {
  return INTL_LOCALE[currentLocale()];
}
