import { describe, expect, it } from 'vitest';
import { CHURN_CATEGORICAL_FEATURES, CHURN_NUMERIC_FEATURES } from '../../../../models/churn/warehouse/churn-features.ts';
import { churnFeatureDefinitions } from './feature-definitions.ts';

describe('churn feature definitions', () => {
  it('reads one definition per documented feature from the mart header, continuation lines joined', () => {
    const defs = churnFeatureDefinitions();
    expect(defs.late_fees_12m).toBe('Late-fee invoice lines on invoices issued in the 12 months before.');
    expect(defs.mrr_minor).toContain('price per billing period ÷ months in the period');
    // Every model feature is defined there, directly or by the entry that names it ("Likewise …", "as are …").
    const text = Object.values(defs).join(' ');
    for (const f of [...CHURN_NUMERIC_FEATURES, ...CHURN_CATEGORICAL_FEATURES]) expect(defs[f] !== undefined || text.includes(f)).toBe(true);
  });
});
