import { describe, expect, it } from 'vitest';
import { loadModels, modelIndexes } from './models.ts';

describe('model indexes', () => {
  it('reads the header line, with or without a reason in brackets, and refuses what is not a column name', () => {
    expect(modelIndexes('-- grain: x\n-- indexes: invoice_id (lookups by id)\nselect 1')).toEqual(['invoice_id']);
    expect(modelIndexes('-- indexes: a, b_2\nselect 1')).toEqual(['a', 'b_2']);
    expect(modelIndexes('select 1')).toEqual([]);
    expect(() => modelIndexes('-- indexes: a; drop table x\nselect 1')).toThrow(/not a column name/);
  });

  it('the balance changes are indexed by invoice (the case page reads them by id)', () => {
    const changes = loadModels().find((m) => m.layer === 'marts' && m.name === 'fct_invoice_balance_changes');
    expect(changes?.indexes).toEqual(['invoice_id']);
  });
});
