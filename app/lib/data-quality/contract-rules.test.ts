import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTRACT_RULES, contractRule, quarantineCsvHref } from './contract-rules.ts';

const SQL = fs.readFileSync(new URL('../../../sql/staging/contract_violations.sql', import.meta.url), 'utf8');

describe('CONTRACT_RULES', () => {
  it('describes exactly the rules sql/staging/contract_violations.sql can emit', () => {
    // Every rule is a string literal right after the selected id: `select r.id, 'orphan_plan', …`.
    const inSql = new Set([...SQL.matchAll(/select [\w.]+(?:, id)?, '([a-z_]+)'(?: as rule)?,/g)].map((m) => m[1]));
    expect(inSql.size).toBeGreaterThan(20);
    expect(new Set(CONTRACT_RULES.map((r) => r.rule))).toEqual(inSql);
  });

  it('has one short description per rule', () => {
    expect(new Set(CONTRACT_RULES.map((r) => r.rule)).size).toBe(CONTRACT_RULES.length);
    for (const r of CONTRACT_RULES) expect(r.checks.length, r.rule).toBeLessThan(90);
    expect(contractRule('negative_total')?.tables).toEqual(['invoices']);
    expect(contractRule('nope')).toBeUndefined();
  });

  it('links the CSV of one table and rule', () => {
    expect(quarantineCsvHref('invoices', 'negative_total')).toBe('/api/v1/quarantine/rows?table=invoices&rule=negative_total&format=csv');
  });
});
