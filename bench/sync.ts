/**
 * `npm run bench -- sync [--scale M|S|XS] [--repeat 3] [--drop-cache]`
 *
 * At scale M (50,000 customers × 24 months) against the real PostgreSQL at 127.0.0.1:5432
 * (LEDGERLENS_BENCH_POSTGRES_URL overrides), measures in one run:
 *   floor        COPY (SELECT <contract columns>) TO STDOUT (FORMAT csv) of every contract table, to nowhere
 *   full         the sync's extract + load (streamed, overlapped, into a fresh DuckDB warehouse)
 *   models       building the sql/ models, reported separately
 *   incremental  extract + load after 1 % of every table's rows changed (and a few deleted)
 * and ends with:
 *   sync: scale=M rows=<n> full_s=<extract+load> floor_s=<raw COPY> ratio=<full/floor> models_s=<models> incremental_fraction=<incremental/full>
 *
 * The generated billing database is cached as a template database named after the generator's
 * source hash (generated once, ~minutes at M); each run copies it, and drops the copy and its
 * warehouse at the end. --drop-cache removes the template too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { isScale } from '../pipelines/generate/generate.ts';
import { CONTRACT_TABLE_NAMES } from '../pipelines/source/contract.ts';
import { createBillingPool } from '../pipelines/source/type-mapping.ts';
import { runSync, type SyncResult } from '../pipelines/sync/run-sync.ts';
import { SourceSnapshot } from '../pipelines/sync/source-snapshot.ts';
import { openWarehouse } from '../pipelines/warehouse/connection.ts';
import { ADMIN_URL, admin, ensureTemplate, ident, TZ, urlFor } from './support/billing-template.ts';

/** The raw floor: the same COPY the sync issues, streamed to nowhere. */
async function copyFloor(source: pg.Pool): Promise<{ ms: number; rows: number }> {
  const snapshot = await SourceSnapshot.open(source);
  let rows = 0;
  const started = Date.now();
  try {
    for (const table of CONTRACT_TABLE_NAMES) {
      await snapshot.copyTable(table, null, new Writable({
        write(chunk: Buffer, _e, done) {
          // rows only count newlines: CSV fields in this contract's data may hold none
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
          done();
        },
      }));
    }
  } finally {
    await snapshot.close();
  }
  return { ms: Date.now() - started, rows };
}

async function touchOnePercent(source: pg.Pool): Promise<number> {
  let changed = 0;
  for (const table of CONTRACT_TABLE_NAMES) {
    const r = await source.query(`UPDATE billing.${table} SET updated_at = now() WHERE abs(hashtext(id)) % 100 = 7`);
    changed += r.rowCount ?? 0;
  }
  const d = await source.query('DELETE FROM billing.usage_records WHERE abs(hashtext(id)) % 10000 = 3');
  return changed + (d.rowCount ?? 0);
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const s = (ms: number) => (ms / 1000).toFixed(2);

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { scale: { type: 'string', default: 'M' }, repeat: { type: 'string', default: '3' }, 'drop-cache': { type: 'boolean', default: false } },
  });
  const scale = values.scale!;
  if (!isScale(scale)) throw new Error(`--scale must be XS, S or M, not ${scale}`);
  const repeat = Math.max(1, Number(values.repeat));
  try {
    await admin((c) => c.query('SELECT 1'));
  } catch (err) {
    console.error(`the sync benchmark needs a real PostgreSQL at ${ADMIN_URL} (set LEDGERLENS_BENCH_POSTGRES_URL): ${(err as Error).message}`);
    process.exit(1);
  }
  const template = await ensureTemplate(scale);
  const runDb = ident(`ledgerlens_bench_run_${process.pid}`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-bench-sync-'));
  await admin((c) => c.query(`CREATE DATABASE ${runDb} TEMPLATE ${template} STRATEGY FILE_COPY`));
  const source = createBillingPool(urlFor(runDb), 2);
  try {
    await source.query('VACUUM ANALYZE');
    const floors: number[] = [];
    const fulls: SyncResult[] = [];
    let rows = 0;
    for (let i = 0; i < repeat; i++) {
      // floor and full side by side, alternating, so both see the same machine load and cache state
      const floor = await copyFloor(source);
      floors.push(floor.ms);
      rows = floor.rows;
      fs.rmSync(path.join(workDir, 'warehouse.duckdb'), { force: true });
      fs.rmSync(path.join(workDir, 'warehouse.duckdb.wal'), { force: true });
      const warehouse = await openWarehouse(path.join(workDir, 'warehouse.duckdb'));
      try {
        fulls.push(await runSync({ source, warehouse, timezone: TZ, workDir, mode: 'full' }));
      } finally {
        warehouse.close();
      }
      console.log(`run ${i + 1}: floor ${s(floor.ms)} s, full extract+load ${s(fulls.at(-1)!.timings.extractLoadMs)} s, models ${s(fulls.at(-1)!.timings.modelsMs)} s, reconcile ${s(fulls.at(-1)!.timings.reconcileMs)} s`);
    }
    const changed = await touchOnePercent(source);
    const warehouse = await openWarehouse(path.join(workDir, 'warehouse.duckdb'));
    let incremental: SyncResult;
    try {
      incremental = await runSync({ source, warehouse, timezone: TZ, workDir, mode: 'incremental' });
    } finally {
      warehouse.close();
    }
    const floorMs = median(floors);
    const fullMs = median(fulls.map((f) => f.timings.extractLoadMs));
    const modelsMs = median(fulls.map((f) => f.timings.modelsMs));
    console.log(`incremental: ${changed} rows changed or deleted; read ${incremental.rowsExtracted}, deleted ${incremental.rowsDeleted}; ` +
      `extract+load ${s(incremental.timings.extractLoadMs)} s, reconcile ${s(incremental.timings.reconcileMs)} s, models ${s(incremental.timings.modelsMs)} s, total ${s(incremental.timings.totalMs)} s`);
    console.log(`full sync total (extract+load, reconcile, models, tests, commit): ${s(median(fulls.map((f) => f.timings.totalMs)))} s; ` +
      `incremental total / full total = ${(incremental.timings.totalMs / median(fulls.map((f) => f.timings.totalMs))).toFixed(3)}`);
    console.log(`sync: scale=${scale} rows=${rows} full_s=${s(fullMs)} floor_s=${s(floorMs)} ratio=${(fullMs / floorMs).toFixed(2)} models_s=${s(modelsMs)} incremental_fraction=${(incremental.timings.extractLoadMs / fullMs).toFixed(3)}`);
  } finally {
    await source.end();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${runDb} WITH (FORCE)`));
    fs.rmSync(workDir, { recursive: true, force: true });
    if (values['drop-cache']) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
  }
}
