/**
 * Generated demo data (scale XS, fixed as-of) in an in-memory DuckDB with every SQL model built:
 * the churn tests' warehouse. `rewriteHistoryAfter` turns it into the billing history as it stood at
 * an instant: rows dated later are deleted, and states that changed later are put back.
 */
import { buildModels } from '../../pipelines/warehouse/models.ts';
import { ensureMetaSchema, loadSeeds, writeSettings } from '../../pipelines/warehouse/schema.ts';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { generateIntoDuckDB } from '../support/generated-warehouse.ts';

export const AS_OF = new Date('2026-11-20T09:30:00Z');
export const TZ = 'Europe/Moscow';

export async function generatedChurnWarehouse(dir: string, scale: 'XS' | 'S' = 'XS'): Promise<Warehouse> {
  const { warehouse } = await generateIntoDuckDB({ scale, seed: 42, asOf: AS_OF, timezone: TZ }, dir);
  await ensureMetaSchema(warehouse);
  await loadSeeds(warehouse);
  await writeSettings(warehouse, { timezone: TZ });
  await buildModels(warehouse);
  return warehouse;
}

/** The billing database as it looked at `instant` (ISO), then the models rebuilt. */
export async function rewriteHistoryAfter(warehouse: Warehouse, instant: string): Promise<void> {
  const at = [instant];
  const statements = [
    'DELETE FROM raw.customers WHERE created_at >= $1::TIMESTAMPTZ',
    'UPDATE raw.customers SET closed_at = NULL WHERE closed_at >= $1::TIMESTAMPTZ',
    'DELETE FROM raw.subscriptions WHERE started_at >= $1::TIMESTAMPTZ',
    "UPDATE raw.subscriptions SET canceled_at = NULL, status = 'active' WHERE canceled_at >= $1::TIMESTAMPTZ",
    'UPDATE raw.subscriptions SET ended_at = NULL WHERE ended_at >= $1::TIMESTAMPTZ',
    'DELETE FROM raw.subscription_versions WHERE valid_from >= $1::TIMESTAMPTZ',
    'UPDATE raw.subscription_versions SET valid_to = NULL WHERE valid_to >= $1::TIMESTAMPTZ',
    'DELETE FROM raw.invoices WHERE issued_at >= $1::TIMESTAMPTZ',
    'UPDATE raw.invoices SET voided_at = NULL WHERE voided_at >= $1::TIMESTAMPTZ',
    "UPDATE raw.invoices SET status = CASE WHEN voided_at IS NOT NULL THEN 'void' ELSE 'open' END WHERE status IN ('paid', 'uncollectible', 'void')",
    'DELETE FROM raw.invoice_lines WHERE invoice_id NOT IN (SELECT id FROM raw.invoices)',
    'DELETE FROM raw.payments WHERE received_at >= $1::TIMESTAMPTZ',
    "UPDATE raw.payments SET refunded_minor = 0, refunded_at = NULL, status = 'succeeded' WHERE refunded_at >= $1::TIMESTAMPTZ",
    'DELETE FROM raw.payment_allocations WHERE allocated_at >= $1::TIMESTAMPTZ OR payment_id NOT IN (SELECT id FROM raw.payments)',
    'DELETE FROM raw.credit_notes WHERE issued_at >= $1::TIMESTAMPTZ',
    'DELETE FROM raw.usage_records WHERE bucket_start >= $1::TIMESTAMPTZ',
  ];
  for (const sql of statements) await warehouse.query(sql, sql.includes('$1') ? at : []);
  await buildModels(warehouse);
}
