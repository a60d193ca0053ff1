import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, resolveLocale } from './locale.ts';

describe('resolveLocale', () => {
  it('takes the signed-in user’s saved language over the browser’s', () => {
    expect(resolveLocale('en', 'ru-RU,ru;q=0.9')).toBe('en');
    expect(resolveLocale('ru', 'en-US,en;q=0.9')).toBe('ru');
  });

  it('falls back to Accept-Language: any Russian tag gives ru, otherwise en', () => {
    expect(resolveLocale(null, 'ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('ru');
    expect(resolveLocale(null, 'ru')).toBe('ru');
    expect(resolveLocale(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(resolveLocale(null, 'de-DE,de;q=0.9')).toBe('en');
  });

  it('ranks by q-weight, not by position, and ignores q=0', () => {
    expect(fromAcceptLanguage('en;q=0.4, ru;q=0.8')).toBe('ru');
    expect(fromAcceptLanguage('de, en-GB;q=0.7, ru;q=0.5')).toBe('en');
    expect(fromAcceptLanguage('ru;q=0, en;q=0.1')).toBe('en');
    expect(fromAcceptLanguage('de, fr;q=0.5')).toBeUndefined();
  });

  it('defaults to English without a header or with a malformed one', () => {
    expect(resolveLocale(null, null)).toBe('en');
    expect(resolveLocale(null, '')).toBe('en');
    expect(resolveLocale(null, ';;;,q=x')).toBe('en');
  });
});
