import { describe, expect, it } from 'vitest';
import { maskedColumns, maskValue, personal, seesPersonalData } from '../../app/lib/server/auth/mask.ts';
import { runAs } from '../../app/lib/server/auth/principal.ts';
import { userOfRole } from '../support/principal.ts';

describe('personal data masking', () => {
  it('masks names, e-mail addresses and phone numbers', () => {
    expect(maskValue('Анна Петрова', 'name')).toBe('А*** П***');
    expect(maskValue('ops@example.com', 'email')).toBe('o***@e***.com');
    expect(maskValue('+7 912 345-67-89', 'phone')).toBe('+***89');
    expect(maskValue('12', 'phone')).toBe('***');
  });

  it('shows personal data to roles that need it, masks it for the others, and never outside a request', () => {
    expect(runAs(userOfRole('collections'), () => personal('Анна Петрова', 'name'))).toBe('Анна Петрова');
    expect(runAs(userOfRole('admin'), () => personal('Анна Петрова', 'name'))).toBe('Анна Петрова');
    expect(runAs(userOfRole('analyst'), () => personal('Анна Петрова', 'name'))).toBe('А*** П***');
    expect(runAs(userOfRole('finance'), () => personal('a@b.io', 'email'))).toBe('a***@b***.io');
    expect(runAs(null, () => seesPersonalData())).toBe(false);
    expect(seesPersonalData()).toBe(true); // CLI, scheduler: the system itself
  });

  it('finds personal columns by name for exports', () => {
    const masked = runAs(userOfRole('analyst'), () => maskedColumns(['customer_id', 'customer_name', 'email', 'billing_phone', 'segment', 'name']));
    expect([...masked]).toEqual([['customer_name', 'name'], ['email', 'email'], ['billing_phone', 'phone'], ['name', 'name']]);
    expect(runAs(userOfRole('collections'), () => maskedColumns(['customer_name'])).size).toBe(0);
  });
});
