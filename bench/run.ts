/**
 * `npm run bench -- NAME [options]`: runs one benchmark. Each ends with one machine-readable line
 * `NAME: key=value …` (see its file). Benchmarks measure side by side in one run and report ratios,
 * because this machine is shared and lone timings are noisy.
 */
const BENCHMARKS: Record<string, () => Promise<{ main(args: string[]): Promise<void> }>> = {
  sync: () => import('./sync.ts'),
  aging: () => import('./aging.ts'),
  dashboards: () => import('./dashboards.ts'),
  ladder: () => import('./ladder.ts'),
  m3: () => import('./m3.ts'),
  telco: () => import('./telco.ts'),
  cash: () => import('./cash.ts'),
  export: () => import('./export.ts'),
  load: () => import('./load.ts'),
};

export {};

const [benchName, ...args] = process.argv.slice(2);
const load = benchName ? BENCHMARKS[benchName] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [options]`);
  process.exit(2);
}
await (await load()).main(args);
