import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A folder of scratch files for one export, removed by `remove()` whatever happened. */
export interface Scratch {
  readonly dir: string;
  /** A path inside the folder as a SQL string literal (DuckDB's COPY … TO takes no parameter for the file). */
  literal(name: string): string;
  file(name: string): string;
  remove(): void;
}

export function createScratch(tempDir: string = os.tmpdir()): Scratch {
  fs.mkdirSync(tempDir, { recursive: true });
  const dir = fs.mkdtempSync(path.join(tempDir, 'ledgerlens-export-'));
  const file = (name: string) => path.join(dir, name);
  return {
    dir,
    file,
    // The path is ours (mkdtemp under a configured folder), never user input; quotes are doubled all the same.
    literal: (name) => `'${file(name).replaceAll("'", "''")}'`,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
