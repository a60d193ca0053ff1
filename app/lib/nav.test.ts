import { describe, expect, it } from 'vitest';
import { activePage, activeSection } from './nav.ts';

describe('nav', () => {
  it('finds the section and page of a path, sub-pages included', () => {
    expect(activeSection('/collections/cases/12')?.label).toBe('Receivables');
    expect(activePage('/collections/cases/12')?.href).toBe('/collections');
    expect(activePage('/receivables/invoices')?.href).toBe('/receivables');
    expect(activeSection('/settings/fx')?.label).toBe('Data');
    expect(activeSection('/')?.label).toBe('Overview');
  });

  it('does not take a page for one whose path merely starts the same', () => {
    expect(activePage('/revenue-old')).toBeUndefined();
    expect(activePage('/mrr/movements')?.href).toBe('/mrr');
  });
});
