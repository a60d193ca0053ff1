/**
 * Where churn models live. A model is a folder with `model.onnx` and `card.json`. The default model
 * (trained on the demo data) ships in models/churn/default; `npm run train` writes a user's own
 * model to <data dir>/models/churn/active, and only when it passed its gates. Scoring uses the
 * active model when there is a valid one, else the default.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelCard } from './card.ts';

export class ChurnModelError extends Error {
  constructor(readonly code: 'MODEL_MISSING' | 'MODEL_CORRUPT' | 'MODEL_REJECTED', message: string) {
    super(message);
    this.name = 'ChurnModelError';
  }
}

export interface StoredModel {
  readonly dir: string;
  readonly source: 'active' | 'default';
  readonly card: ModelCard;
  readonly onnx: Uint8Array;
}

/** models/churn/default beside this module (sources) or under the working directory (bundled build). */
export function defaultModelDir(): string {
  if (process.env.LEDGERLENS_CHURN_DEFAULT_MODEL_DIR) return process.env.LEDGERLENS_CHURN_DEFAULT_MODEL_DIR;
  const beside = path.resolve(fileURLToPath(new URL('./default/', import.meta.url)));
  if (fs.existsSync(path.join(beside, 'card.json'))) return beside;
  return path.resolve(process.cwd(), 'models/churn/default');
}

export function activeModelDir(dataDir: string): string {
  return path.join(dataDir, 'models', 'churn', 'active');
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function readModelDir(dir: string, source: StoredModel['source']): StoredModel {
  const cardFile = path.join(dir, 'card.json');
  if (!fs.existsSync(cardFile)) throw new ChurnModelError('MODEL_MISSING', `no churn model in ${dir} (run npm run train)`);
  const card = JSON.parse(fs.readFileSync(cardFile, 'utf8')) as ModelCard;
  const onnx = new Uint8Array(fs.readFileSync(path.join(dir, card.onnx.file)));
  if (sha256(onnx) !== card.onnx.sha256) throw new ChurnModelError('MODEL_CORRUPT', `${path.join(dir, card.onnx.file)} does not match its card (sha256 differs); retrain with npm run train`);
  if (!card.gates.passed) throw new ChurnModelError('MODEL_REJECTED', `the model in ${dir} did not pass its validation gates`);
  return { dir, source, card, onnx };
}

/** The model scoring should use: a valid active model, else the shipped default. */
export function loadChurnModel(dataDir: string): StoredModel {
  const active = activeModelDir(dataDir);
  if (fs.existsSync(path.join(active, 'card.json'))) {
    try {
      return readModelDir(active, 'active');
    } catch {
      // A broken active model must not stop scoring: fall back to the default, as if never trained.
    }
  }
  return readModelDir(defaultModelDir(), 'default');
}

/** Writes a model folder atomically (a sibling temp folder, then rename over the old one). */
export function writeModelDir(target: string, onnx: Uint8Array, card: ModelCard): void {
  const dir = path.resolve(target);
  const parent = path.dirname(dir);
  fs.mkdirSync(parent, { recursive: true });
  const temp = fs.mkdtempSync(path.join(parent, '.incoming-'));
  fs.chmodSync(temp, 0o755);
  fs.writeFileSync(path.join(temp, card.onnx.file), onnx);
  fs.writeFileSync(path.join(temp, 'card.json'), JSON.stringify(card, null, 2) + '\n');
  const old = `${dir}.old-${process.pid}`;
  if (fs.existsSync(dir)) fs.renameSync(dir, old);
  fs.renameSync(temp, dir);
  fs.rmSync(old, { recursive: true, force: true });
}
