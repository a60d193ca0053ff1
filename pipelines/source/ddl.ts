import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The contract DDL (sql/source/contract.sql), for the demo database and the tests. */
export function contractDdl(): string {
  return fs.readFileSync(fileURLToPath(new URL('../../sql/source/contract.sql', import.meta.url)), 'utf8');
}
