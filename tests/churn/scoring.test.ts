/**
 * Scoring after a sync: every customer at the latest cut-off gets a probability from the shipped
 * model through onnxruntime-node, a band and reason codes; a second run with the same model and
 * cut-off writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreChurn } from '../../app/lib/server/churn/score-run.ts';
import { loadChurnModel } from '../../models/churn/model-store.ts';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { createTestWorkbench, type TestWorkbench } from '../support/workbench-database.ts';
import { tempDataDir } from '../support/warehouse.ts';
import { generatedChurnWarehouse } from './generated-churn-warehouse.ts';

describe('churn scoring after a sync', () => {
  const tmp = tempDataDir('ledgerlens-churn-score-');
  let w: Warehouse;
  let wb: TestWorkbench;
  beforeAll(async () => {
    w = await generatedChurnWarehouse(tmp.dir);
    wb = await createTestWorkbench();
  });
  afterAll(async () => {
    w.close();
    await wb.drop();
    tmp.remove();
  });

  it('scores each customer at the latest cut-off once per model and cut-off', async () => {
    const deps = { warehouse: w, workbench: wb.workbench.db, dataDir: tmp.dir };
    const first = await scoreChurn(deps);
    expect(first?.created).toBe(true);
    const model = loadChurnModel(tmp.dir);
    expect(model.source).toBe('default');
    expect(first?.modelId).toBe(model.card.modelId);
    const [{ n }] = await w.query<{ n: bigint }>('SELECT count(*) AS n FROM marts.churn_features_monthly WHERE cutoff_at = (SELECT max(cutoff_at) FROM marts.churn_features_monthly)');
    expect(first?.customers).toBe(Number(n));

    const scores = await wb.workbench.db.selectFrom('churn_scores').selectAll().where('run_id', '=', first!.runId).execute();
    expect(scores.length).toBe(Number(n));
    for (const s of scores) {
      expect(s.probability).toBeGreaterThanOrEqual(0);
      expect(s.probability).toBeLessThanOrEqual(1);
      const expectedBand = s.probability >= model.card.bands.highFrom ? 'high' : s.probability >= model.card.bands.mediumFrom ? 'medium' : 'low';
      expect(s.band).toBe(expectedBand);
      const deltas = (s.reasons as { delta: number }[]).map((r) => r.delta);
      expect(deltas).toEqual([...deltas].sort((a, b) => b - a));
      for (const d of deltas) expect(d).toBeGreaterThanOrEqual(0.005);
    }
    // The high band holds customers with reasons to give.
    const high = scores.filter((s) => s.band === 'high');
    expect(high.length).toBeGreaterThan(0);
    expect(high.every((s) => (s.reasons as unknown[]).length > 0)).toBe(true);

    const again = await scoreChurn(deps);
    expect(again).toMatchObject({ created: false, runId: first!.runId });
    const runs = await wb.workbench.db.selectFrom('churn_score_runs').select('id').execute();
    expect(runs.length).toBe(1);
  });
});
