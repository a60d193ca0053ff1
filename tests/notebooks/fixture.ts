/**
 * The notebooks' and explorer's tests' warehouse: generated demo data (scale XS, fixed as-of) in an
 * in-memory DuckDB with every SQL model built, and its instance for connections of the tests' own.
 */
import type { DuckDBInstance } from '@duckdb/node-api';
import { buildModels } from '../../pipelines/warehouse/models.ts';
import { ensureMetaSchema, loadSeeds, writeSettings } from '../../pipelines/warehouse/schema.ts';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { generateIntoDuckDB } from '../support/generated-warehouse.ts';

export const AS_OF = new Date('2026-11-20T09:30:00Z');
export const TZ = 'Europe/Moscow';
/** "Today" of the fixture in the business time zone. */
export const TODAY = '2026-11-20';

export async function generatedWarehouse(dir: string): Promise<{ warehouse: Warehouse; instance: DuckDBInstance }> {
  const { warehouse, instance } = await generateIntoDuckDB({ scale: 'XS', seed: 42, asOf: AS_OF, timezone: TZ }, dir);
  await ensureMetaSchema(warehouse);
  await loadSeeds(warehouse);
  await writeSettings(warehouse, { timezone: TZ });
  await buildModels(warehouse);
  return { warehouse, instance };
}
