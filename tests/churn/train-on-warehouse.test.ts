/**
 * Retraining on an installation's own warehouse: a model that does not pass its gates is not
 * written, and scoring keeps using the model in use; one that passes becomes the active model.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeModelDir, loadChurnModel } from '../../models/churn/model-store.ts';
import { saveIfValid, trainOnWarehouse } from '../../models/churn/warehouse/train-on-warehouse.ts';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { tempDataDir } from '../support/warehouse.ts';
import { AS_OF, generatedChurnWarehouse } from './generated-churn-warehouse.ts';

describe('npm run train on the warehouse', () => {
  const tmp = tempDataDir('ledgerlens-churn-train-');
  let w: Warehouse;
  beforeAll(async () => {
    w = await generatedChurnWarehouse(tmp.dir);
  });
  afterAll(() => {
    w.close();
    tmp.remove();
  });

  it('keeps the model in use when the new one fails a gate, and uses it once it passes', async () => {
    const current = loadChurnModel(tmp.dir);
    expect(current.source).toBe('default');
    // A demanding AUC gate the 150-customer demo cannot meet.
    const options = { horizonMonths: 3, asOf: AS_OF, minAuc: 0.99, maxAucDrop: 0.02, current, dataSource: 'test' };
    const small = await trainOnWarehouse(w, options);
    expect(small.card.split.holdout.rows).toBeGreaterThan(0);
    const auc = small.card.gates.checks.find((c) => c.name === 'holdout ROC-AUC')!;
    expect(auc).toMatchObject({ ok: false, threshold: 0.99 });
    expect(auc.value).toBeGreaterThan(0.5);
    expect(small.card.gates.passed).toBe(false);
    expect(saveIfValid(activeModelDir(tmp.dir), small)).toBe(false);
    expect(fs.existsSync(activeModelDir(tmp.dir))).toBe(false);
    expect(loadChurnModel(tmp.dir).card.modelId).toBe(current.card.modelId);
    // The ONNX file agrees with the TypeScript model, and the card says where every figure came from.
    expect(small.card.onnx.maxAbsDiffVsTypeScript).toBeLessThan(1e-6);
    expect(small.currentHoldoutAuc).not.toBeNull();

    // Trained again with a gate it meets, it passes every check and becomes the model scoring uses.
    const relaxed = await trainOnWarehouse(w, { ...options, minAuc: 0.55, maxAucDrop: 1 });
    expect(relaxed.card.gates.checks.every((c) => c.ok)).toBe(relaxed.card.gates.passed);
    if (!relaxed.card.gates.passed) throw new Error(`gates failed: ${JSON.stringify(relaxed.card.gates.checks)}`);
    expect(saveIfValid(activeModelDir(tmp.dir), relaxed)).toBe(true);
    const used = loadChurnModel(tmp.dir);
    expect(used.source).toBe('active');
    expect(used.card.modelId).toBe(relaxed.card.modelId);
    expect(used.card.metrics.holdout.rocAuc).toBe(relaxed.card.metrics.holdout.rocAuc);
  });
});
