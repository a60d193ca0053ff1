/**
 * The routes as the routers themselves know them, for the access tests: SvelteKit's built manifest
 * (pages with their form actions, endpoints with their methods) and the express /api/v1 router's
 * stack. Nothing here reads app/lib/access/routes.ts, so a route the table forgot shows up.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createApiRouter } from '../../app/lib/server/api/router.ts';
import { ROOT } from '../browser/support.ts';

export interface KitRoute {
  readonly id: string;
  /** A page (+page.svelte, maybe with +page.server.ts) or an endpoint (+server.ts). */
  readonly kind: 'page' | 'endpoint';
  /** An endpoint's exported HTTP methods; a page's is ['GET']. */
  readonly methods: readonly string[];
  /** A page's form actions by name ('default' for the unnamed one); [] without any. */
  readonly actions: readonly string[];
}

/**
 * Run in a separate Node process: importing the built server nodes pulls in the whole server
 * bundle, which belongs in a plain Node process rather than vitest's module runner.
 */
const LIST_MANIFEST = `
const [file] = process.argv.slice(1);
const { m } = await import(file);
const out = [];
for (const route of m._.routes) {
  if (route.page) {
    const node = await m._.nodes[route.page.leaf]();
    out.push({ id: route.id, kind: 'page', methods: ['GET'], actions: Object.keys(node.server?.actions ?? {}) });
  } else if (route.endpoint) {
    const module = await route.endpoint();
    out.push({ id: route.id, kind: 'endpoint', methods: Object.keys(module).filter((k) => /^[A-Z]+$/.test(k)), actions: [] });
  }
}
process.stdout.write(JSON.stringify(out));
`;

/** The built manifest's file: adapter-node writes it as build/server/chunks/manifest.js-<hash>.js. */
export function builtManifestFile(): string {
  const dir = path.join(ROOT, 'build', 'server', 'chunks');
  if (!fs.existsSync(dir)) throw new Error('build/server is missing: run `npx vite build` before the access tests');
  const files = fs.readdirSync(dir).filter((f) => /^manifest\.js-[\w-]+\.js$/.test(f));
  if (files.length !== 1) throw new Error(`expected one built manifest in ${dir}, found ${files.join(', ') || 'none'}`);
  return path.join(dir, files[0]!);
}

export async function listKitRoutes(): Promise<KitRoute[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', LIST_MANIFEST, builtManifestFile()], {
    cwd: ROOT,
    maxBuffer: 10_000_000,
  });
  return JSON.parse(stdout) as KitRoute[];
}

/** Every /api/v1 route the express router registers, as `METHOD /path` (the API_RULES key format). */
export function listApiRoutes(): string[] {
  const router = createApiRouter({ authenticate: async () => null });
  const keys: string[] = [];
  for (const layer of router.stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    if (!layer.route) continue; // the 404 and error handlers
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') keys.push(`${method.toUpperCase()} ${layer.route.path}`);
  }
  return keys;
}
