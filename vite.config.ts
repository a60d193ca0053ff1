import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

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
    globalSetup: ['tests/browser/global-setup.ts'],
    testTimeout: 120_000,
    // Browser tests poll pages that answer after server-side work; on a busy 2-core machine 1 s (the default) is too short.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 300_000,
  },
});
