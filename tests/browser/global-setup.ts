/**
 * Vitest global set-up: a folder for this run's seeded browser template (see template.ts), removed
 * when the run ends. Values reach the test files through provide/inject.
 *
 * When the run has a file that uses the template, making it starts now, in this (main) process and
 * in the background: the files that do not need it run meanwhile (the sequencer puts them first),
 * and the browser files copy it once it is ready.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { seededTemplate, usesSeededTemplate } from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    browserTemplateRoot: string;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-browser-template-'));
  project.provide('browserTemplateRoot', root);
  // The files of this run (vitest collected them before the global set-up); unknown: assume some need it.
  const files: string[] = project.vitest.state.getPaths?.() ?? [];
  const abort = new AbortController();
  let making: Promise<unknown> | null = null;
  if (files.length === 0 || files.some((f) => fs.existsSync(f) && usesSeededTemplate(f))) {
    // On failure the first file that needs the template tries again, and fails with the reason.
    making = seededTemplate(root, abort.signal).catch((err: Error) => {
      if (!abort.signal.aborted) console.error(`making the seeded browser template failed: ${err.message}`);
    });
  }
  return async () => {
    abort.abort();
    await making;
    fs.rmSync(root, { recursive: true, force: true });
  };
}
