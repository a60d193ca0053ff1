import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import TemplateLastSequencer from './tests/support/sequencer.ts';

export default defineConfig({
  plugins: [
    // UI strings: app/lib/i18n/messages/{en,ru}.json compiled to typed message functions in app/lib/paraglide/.
    // The plugin module is loaded from node_modules (project.inlang/settings.json), not from a CDN.
    // Locale per request: hooks.server.ts (app/lib/i18n/server.ts); in the browser: <html lang> (app/lib/i18n/client.ts).
    paraglideVitePlugin({ project: './project.inlang', outdir: './app/lib/paraglide', strategy: ['custom-ledgerlens', 'baseLocale'], emitReadme: false }),
    sveltekit(),
  ],
  test: {
    include: ['app/**/*.test.ts', 'pipelines/**/*.test.ts', 'models/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    // DuckDB and PGlite are native/wasm modules that hold files: separate processes keep tests apart.
    pool: 'forks',
    // Two files at a time on the 2-core machines: each file has its own databases, data folders and
    // ports (PORT=0), and much of a file's time is spent waiting on a server or a browser.
    maxWorkers: 2,
    // The seeded browser template is made in the background while the files that do not copy it run first.
    globalSetup: ['tests/browser/global-setup.ts'],
    sequence: { sequencer: TemplateLastSequencer },
    testTimeout: 120_000,
    // Browser tests poll pages that answer after server-side work; on a busy 2-core machine 1 s (the default) is too short.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 300_000,
  },
});
