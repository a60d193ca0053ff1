import { describe, expect, it } from 'vitest';
import { CHURN_CATEGORICAL_FEATURES, CHURN_NUMERIC_FEATURES } from '../../../../models/churn/warehouse/churn-features.ts';
import { churnFeatureDefinitions, parseFeatureDefinitions } from './feature-definitions.ts';

describe('churn feature definitions', () => {
  it('reads one definition per documented feature from the mart header, continuation lines joined', () => {
    const defs = churnFeatureDefinitions();
    expect(defs.late_fees_12m).toBe('Late-fee invoice lines on invoices issued in the 12 months before.');
    expect(defs.mrr_minor).toContain('price per billing period ÷ months in the period');
    // Every model feature is defined there, directly or by the entry that names it ("Likewise …", "as are …").
    const text = Object.values(defs).join(' ');
    for (const f of [...CHURN_NUMERIC_FEATURES, ...CHURN_CATEGORICAL_FEATURES]) expect(defs[f] !== undefined || text.includes(f)).toBe(true);
  });

  it('reads the Russian block when asked: the same features, and the English block stops before it', () => {
    const en = churnFeatureDefinitions('en');
    const ru = churnFeatureDefinitions('ru');
    expect(Object.keys(ru)).toEqual(Object.keys(en));
    expect(en.late_fees_12m).toBe('Late-fee invoice lines on invoices issued in the 12 months before.');
    expect(ru.late_fees_12m).toBe('Строки пеней в счетах, выставленных за 12 месяцев до отсечения.');
    expect(ru.mrr_change_3m).toMatch(/^mrr_minor ÷ mrr_3m_ago_minor − 1/);
    const sql = ['-- Definitions (x):', '--   a_1m   one', '--          more', '-- A note.', '-- Определения (x):', '--   a_1m   один', 'select 1'].join('\n');
    expect(parseFeatureDefinitions(sql, 'en')).toEqual({ a_1m: 'one more' });
    expect(parseFeatureDefinitions(sql, 'ru')).toEqual({ a_1m: 'один' });
    expect(parseFeatureDefinitions(sql.split('\n').slice(0, 4).join('\n'), 'ru')).toEqual({ a_1m: 'one more' });
  });
});
