/**
 * `npm run train [-- --horizon N] [--min-auc 0.6] [--ship]`: trains the churn model on this
 * installation's warehouse (after a sync) and prints its holdout figures. The new model is used
 * only if it passes its gates (holdout ROC-AUC ≥ --min-auc, ONNX equal to the TypeScript model to
 * 1e-6, enough churners in the holdout, and not more than 0.02 AUC below the model in use on the
 * same holdout rows); otherwise the model in use stays and the command exits 1.
 * --ship writes the default model into models/churn/default (for maintainers, on the demo data).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../../pipelines/config.ts';
import { openWarehouse } from '../../../pipelines/warehouse/connection.ts';
import { activeModelDir, defaultModelDir, loadChurnModel, type StoredModel } from '../model-store.ts';
import { saveIfValid, trainOnWarehouse } from './train-on-warehouse.ts';

const { values } = parseArgs({
  options: {
    horizon: { type: 'string', default: '3' },
    'min-auc': { type: 'string', default: '0.6' },
    ship: { type: 'boolean', default: false },
  },
});
const horizonMonths = Number(values.horizon);
const minAuc = Number(values['min-auc']);
if (!Number.isInteger(horizonMonths) || horizonMonths < 1 || horizonMonths > 12) {
  console.error(`--horizon must be a whole number of months from 1 to 12, not ${values.horizon}`);
  process.exit(2);
}
if (!(minAuc > 0.5 && minAuc < 1)) {
  console.error(`--min-auc must be between 0.5 and 1, not ${values['min-auc']}`);
  process.exit(2);
}

const config = loadConfig();
if (!fs.existsSync(config.warehousePath)) {
  console.error(`no warehouse at ${config.warehousePath}: run npm run sync first`);
  process.exit(1);
}
const warehouse = await openWarehouse(config.warehousePath);
try {
  const [last] = await warehouse.query<{ started_at: Date | string }>("SELECT max(started_at) AS started_at FROM meta.sync_runs WHERE status = 'succeeded'");
  if (!last?.started_at) throw new Error('the warehouse has no successful sync yet: run npm run sync');
  const asOf = new Date(last.started_at as string);
  let current: StoredModel | null = null;
  try { current = values.ship ? null : loadChurnModel(config.dataDir); } catch { current = null; }
  const t = performance.now();
  const { card, onnx, currentHoldoutAuc } = await trainOnWarehouse(warehouse, {
    horizonMonths, asOf, minAuc, maxAucDrop: 0.02, current, dataSource: values.ship ? 'Ledgerlens demo data (npm run generate, seed 42, scale S)' : config.warehousePath,
  });
  const m = card.metrics;
  console.log(`trained in ${((performance.now() - t) / 1000).toFixed(1)} s on ${card.split.train.rows} rows (months ${card.split.train.firstMonth} … ${card.split.train.lastMonth}), validation ${card.split.validation.rows}, holdout ${card.split.holdout.rows}`);
  console.log(`horizon ${horizonMonths} months; ${card.algorithm}`);
  console.log(`holdout AUC ${m.holdout.rocAuc.toFixed(4)}  PR-AUC ${m.holdout.prAuc.toFixed(4)}  base rate ${(m.holdout.baseRate * 100).toFixed(1)} %  (logistic baseline AUC ${m.logisticBaselineHoldout.rocAuc.toFixed(4)})`);
  if (currentHoldoutAuc !== null) console.log(`model in use (${current?.card.modelId}) on the same holdout: AUC ${currentHoldoutAuc.toFixed(4)}`);
  console.log(`top features: ${card.topFeatures.slice(0, 6).map((f) => f.column).join(', ')}`);
  for (const c of card.gates.checks) console.log(`  ${c.ok ? 'pass' : 'FAIL'}  ${c.name}: ${c.value.toPrecision(4)} ${c.comparison} ${c.threshold.toPrecision(4)}`);
  const dir = values.ship ? defaultModelDir() : activeModelDir(config.dataDir);
  if (!saveIfValid(dir, { card, onnx })) {
    console.error('the new model did not validate; the model in use stays');
    process.exitCode = 1;
  } else {
    console.log(`model ${card.modelId} written to ${path.relative(process.cwd(), dir) || dir}; scoring uses it from the next sync`);
  }
} finally {
  warehouse.close();
}
