import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';

/**
 * Currencies that have receivables (finalized invoices), most invoices first, ties alphabetical.
 * The first is the default currency of the trend and the metrics: ranking by invoice count never
 * compares amounts in different currencies.
 */
export async function receivablesCurrencies(db: Pick<Warehouse, 'query'>): Promise<string[]> {
  const rows = await db.query<{ currency: string }>(
    `SELECT currency FROM staging.stg_billing__invoices
     WHERE status IN ('open', 'paid', 'uncollectible', 'void')
     GROUP BY currency ORDER BY count(*) DESC, currency`,
  );
  return rows.map((r) => r.currency);
}
