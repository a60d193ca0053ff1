import type { Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { contractTable, SOURCE_SCHEMA, type ContractTableName } from '../source/contract.ts';
import type { CsvSink } from './row-writer.ts';

function copyStatement(table: ContractTableName, source: string): string {
  const columns = contractTable(table).columns.map((c) => `"${c.name}"`).join(', ');
  return `COPY "${SOURCE_SCHEMA}"."${table}" (${columns}) FROM ${source} (FORMAT csv)`;
}

/** Bulk-loads through COPY FROM STDIN on a real Postgres connection. */
export function pgCopySink(client: pg.PoolClient | pg.Client): CsvSink {
  return {
    async copy(table, csv) {
      const stream = client.query(copyFrom(copyStatement(table, 'STDIN')));
      await pipeline(Readable.from([csv]), stream);
    },
  };
}

/**
 * Bulk-loads into an in-process PGlite. COPY FROM STDIN over pglite-socket is broken (the README's
 * known traps), but PGlite reads an in-memory blob through its virtual '/dev/blob' file.
 */
export function pgliteSink(db: Pick<Transaction, 'query'>): CsvSink {
  return {
    async copy(table, csv) {
      await db.query(copyStatement(table, "'/dev/blob'"), [], { blob: new Blob([csv]) });
    },
  };
}
