/**
 * `npm run bench -- telco [--datasets DIR]`
 *
 * The churn trainer (models/churn) on the IBM Telco Customer Churn data with the split of
 * Grigorev's *Machine Learning Bookcamp* (DIR/telco_churn/split_bookcamp.csv; DIR defaults to
 * ../shared/datasets beside the repo). Protocol: choose settings on train → validation only (trees
 * early-stop there), refit the chosen settings on train + validation, evaluate once on test.
 * Features as the book prepares them: 19 columns, TotalCharges blanks → 0, SeniorCitizen, tenure,
 * MonthlyCharges and TotalCharges numeric, the rest one-hot. Test figures are computed from the
 * exported ONNX files run by onnxruntime-node, not from the TypeScript models.
 * References on this split: logistic regression 0.858 (published), scikit-learn's default
 * GradientBoostingClassifier 0.8545. Targets: trees ≥ 0.855, logistic ≥ 0.857.
 * Then times scoring 50,000 customers (encode the feature table + ONNX run) and ends with:
 *   telco: auc_trees=… auc_logit=… pr_auc_trees=… score_50k_ms=…
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCsvRecords } from '../models/churn/csv-records.ts';
import { encode, takeRows, type FeatureColumn, type FeatureTable } from '../models/churn/feature-table.ts';
import { prAuc, rocAuc } from '../models/churn/metrics.ts';
import { predictMatrix, type ChurnModel } from '../models/churn/model.ts';
import { exportOnnx } from '../models/churn/onnx/export.ts';
import { openOnnxScorer } from '../models/churn/onnx/onnx-scorer.ts';
import { refitPair, trainPair } from '../models/churn/train.ts';

const NUMERIC = ['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges'];
const CATEGORICAL = ['gender', 'Partner', 'Dependents', 'PhoneService', 'MultipleLines', 'InternetService', 'OnlineSecurity',
  'OnlineBackup', 'DeviceProtection', 'TechSupport', 'StreamingTV', 'StreamingMovies', 'Contract', 'PaperlessBilling', 'PaymentMethod'];

interface TelcoData { table: FeatureTable; split: string[] }

function loadTelco(dir: string): TelcoData {
  const dataFile = path.join(dir, 'WA_Fn-UseC_-Telco-Customer-Churn.csv');
  const splitFile = path.join(dir, 'split_bookcamp.csv');
  for (const f of [dataFile, splitFile]) if (!fs.existsSync(f)) throw new Error(`${f} not found: pass --datasets DIR (the folder holding telco_churn/)`);
  const records = parseCsvRecords(fs.readFileSync(dataFile, 'utf8'));
  const splitOf = new Map(parseCsvRecords(fs.readFileSync(splitFile, 'utf8')).map((r) => [r.customerID, r.split]));
  const columns: FeatureColumn[] = [
    ...NUMERIC.map((name): FeatureColumn => ({ name, kind: 'numeric', values: records.map((r) => (r[name].trim() === '' ? 0 : Number(r[name]))) })),
    ...CATEGORICAL.map((name): FeatureColumn => ({ name, kind: 'categorical', values: records.map((r) => r[name].toLowerCase().replaceAll(' ', '_')) })),
  ];
  const split = records.map((r) => {
    const s = splitOf.get(r.customerID);
    if (!s) throw new Error(`customer ${r.customerID} is not in split_bookcamp.csv`);
    return s;
  });
  return { table: { columns, label: Float64Array.from(records, (r) => (r.Churn === 'Yes' ? 1 : 0)) }, split };
}

const rowsWhere = (split: string[], keep: (s: string) => boolean) => split.flatMap((s, i) => (keep(s) ? [i] : []));

async function onnxProbabilities(model: ChurnModel, table: FeatureTable): Promise<{ p: Float64Array; maxDiff: number }> {
  const x = encode(model.encoder, table);
  const scorer = await openOnnxScorer(exportOnnx(model));
  try {
    const p = await scorer.score(x);
    const ts = predictMatrix(model, x);
    let maxDiff = 0;
    for (let i = 0; i < p.length; i++) maxDiff = Math.max(maxDiff, Math.abs(p[i] - ts[i]));
    return { p, maxDiff };
  } finally {
    await scorer.close();
  }
}

export async function main(argv: string[]): Promise<void> {
  const repo = fileURLToPath(new URL('..', import.meta.url));
  const { values } = parseArgs({ args: argv, options: { datasets: { type: 'string', default: path.resolve(repo, '../shared/datasets') } } });
  const { table, split } = loadTelco(path.join(values.datasets!, 'telco_churn'));
  const train = takeRows(table, rowsWhere(split, (s) => s === 'train'));
  const valid = takeRows(table, rowsWhere(split, (s) => s === 'validation'));
  const full = takeRows(table, rowsWhere(split, (s) => s === 'train' || s === 'validation'));
  const test = takeRows(table, rowsWhere(split, (s) => s === 'test'));
  console.log(`rows: train ${train.label.length}, validation ${valid.label.length}, test ${test.label.length}`);

  let t = performance.now();
  const pair = trainPair(train, valid, { calibrate: false });
  console.log(`tuning on train → validation (${(performance.now() - t).toFixed(0)} ms):`);
  for (const c of pair.treeCandidates) console.log(`  trees ${JSON.stringify(c.params)} rounds=${c.rounds} val_auc=${c.validAuc.toFixed(4)}`);
  for (const c of pair.logisticCandidates) console.log(`  logit ${JSON.stringify(c.params)} val_auc=${c.validAuc.toFixed(4)}`);
  t = performance.now();
  const final = refitPair(full, pair);
  console.log(`refit on train + validation: ${(performance.now() - t).toFixed(0)} ms, ${pair.bestTrees.rounds} trees`);

  const trees = await onnxProbabilities(final.trees, test);
  const logit = await onnxProbabilities(final.logistic, test);
  const aucTrees = rocAuc(test.label, trees.p);
  const aucLogit = rocAuc(test.label, logit.p);
  const prTrees = prAuc(test.label, trees.p);
  console.log(`test (ONNX): trees auc=${aucTrees.toFixed(4)} pr_auc=${prTrees.toFixed(4)} | logit auc=${aucLogit.toFixed(4)} pr_auc=${prAuc(test.label, logit.p).toFixed(4)}`);
  console.log(`ONNX vs TypeScript, largest difference: trees ${trees.maxDiff.toExponential(2)}, logit ${logit.maxDiff.toExponential(2)}`);
  console.log('references on this split: logistic 0.858 (published), sklearn GradientBoostingClassifier 0.8545; targets trees ≥ 0.855, logistic ≥ 0.857');

  // Throughput: 50,000 customers drawn from the data, encoded and scored in one ONNX run.
  const n = 50_000;
  const big = takeRows(table, Array.from({ length: n }, (_, i) => (i * 7919) % table.label.length));
  const scorer = await openOnnxScorer(exportOnnx(final.trees));
  try {
    await scorer.score(encode(final.trees.encoder, takeRows(table, [0, 1, 2]))); // warm-up
    const runs: number[] = [];
    for (let k = 0; k < 3; k++) {
      t = performance.now();
      const scores = await scorer.score(encode(final.trees.encoder, big));
      runs.push(performance.now() - t);
      if (scores.length !== n) throw new Error('scored the wrong number of rows');
    }
    const ms = Math.min(...runs);
    console.log(`scoring ${n} customers (encode + ONNX trees): ${runs.map((r) => r.toFixed(0)).join(' / ')} ms, best ${ms.toFixed(0)} ms`);
    console.log(`telco: auc_trees=${aucTrees.toFixed(4)} auc_logit=${aucLogit.toFixed(4)} pr_auc_trees=${prTrees.toFixed(4)} score_50k_ms=${ms.toFixed(0)}`);
  } finally {
    await scorer.close();
  }
}
