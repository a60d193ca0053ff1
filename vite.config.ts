import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
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
