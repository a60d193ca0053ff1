import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  test: {
    include: ['app/**/*.test.ts', 'pipelines/**/*.test.ts', 'models/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
  },
});
