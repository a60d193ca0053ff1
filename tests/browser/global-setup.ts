/**
 * Vitest global set-up: a folder for this run's seeded browser template (see support.ts), removed
 * when the run ends. Values reach the test files through provide/inject.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    browserTemplateRoot: string;
  }
}

export default function setup(project: TestProject): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-browser-template-'));
  project.provide('browserTemplateRoot', root);
  return () => fs.rmSync(root, { recursive: true, force: true });
}
