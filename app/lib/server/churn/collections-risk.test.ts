import { describe, expect, it } from 'vitest';
import { planEscalation } from '../escalation/propose.ts';
import { defaultPolicy } from '../escalation/default-policy.ts';
import type { EscalationCase } from '../escalation/types.ts';
import { minorUnits } from '../../money.ts';
import { CHURN_ESCALATION_BRANCH, priorityWithChurn } from './collections-risk.ts';

describe('churn risk in collections', () => {
  it('mixes churn probability into the priority; customers who left count as certain churners', () => {
    const churn = { scored: true, byCustomer: new Map([['a', { probability: 0.8, band: 'high' as const }], ['b', { probability: 0, band: 'low' as const }]]) };
    expect(priorityWithChurn(60, churn, 'a')).toBe(63); // 51 + 12
    expect(priorityWithChurn(60, churn, 'b')).toBe(51);
    expect(priorityWithChurn(60, churn, 'gone')).toBe(66); // not scored: probability 1
    expect(priorityWithChurn(100, churn, 'gone')).toBe(100);
    expect(priorityWithChurn(60, { scored: false, byCustomer: new Map() }, 'a')).toBe(60); // no model output yet
  });

  it('proposes a personal call instead of a suspension for a customer at high churn risk', () => {
    const policy = defaultPolicy({ branch: CHURN_ESCALATION_BRANCH });
    const suspension = policy.steps.find((s) => s.kind === 'suspension');
    if (!suspension) throw new Error('the default policy has no suspension step');
    const base: EscalationCase = {
      caseId: '1', customerId: 'c1', segment: 'consumer', riskBand: null, promises: [], history: [],
      invoices: [{ id: 'i1', currency: 'RUB', dueDate: '2026-01-01', amountMinor: minorUnits(50_000_000n), balanceChanges: [], disputed: false }],
    };
    const today = '2026-06-01'; // far past every step's days past due
    const kinds = (c: EscalationCase) => planEscalation({ ...policy, sequencing: 'catch_up' }, c, today).proposals.map((p) => p.kind);
    expect(kinds(base)).toContain('suspension');
    expect(kinds({ ...base, riskBand: 'medium' })).toContain('suspension');
    const high = kinds({ ...base, riskBand: 'high' });
    expect(high).not.toContain('suspension');
    expect(high).toContain('personal_call');
  });
});
