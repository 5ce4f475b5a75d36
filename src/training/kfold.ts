/**
 * `fitlab.kfold`: K-fold cross-validation, and iterated K-fold with reshuffling (`repeats`), for
 * data too small for one reliable hold-out split. Each fold trains a fresh model from `build()`
 * (every fold's fit is recorded as a run labelled "fold i/k" and tagged with `Run.protocol`) and the result holds each fold's
 * history, the mean and spread of the validation score, and the mean curve per epoch.
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import { isScoreLike } from './callbacks/monitor';
import { permutation } from './data/random';
import type { Split } from './data/split';
import { withEvaluationProtocol } from './recorder/evaluationProtocol';
import { requireNumber } from './schedules/schedule';

type Tf = typeof tfNamespace;
type Tensor = tfNamespace.Tensor;

export interface FoldData extends Split {
  /** 0-based fold and repeat of this training. */
  fold: number;
  repeat: number;
}

export interface KFoldOptions {
  /** Number of folds, an integer >= 2. */
  k: number;
  /** Iterated K-fold: repeat with a new shuffle each time. Default 1. */
  repeats?: number;
  /** Returns a fresh, compiled model (called once per fold). */
  build: () => tfNamespace.LayersModel;
  x: Tensor;
  y: Tensor;
  /** Trains one fold and returns its History; default `model.fit(xTrain, yTrain, {...fitArgs, validationData: [xVal, yVal]})`. */
  fit?: (model: tfNamespace.LayersModel, data: FoldData) => Promise<tfNamespace.History>;
  /** Arguments of the default fit (default epochs 10, batchSize 32). */
  fitArgs?: tfNamespace.ModelFitArgs;
  /** The validation score, default 'val_loss'. */
  monitor?: string;
  /** Shuffle before folding. Default: true with repeats > 1, false (contiguous folds) otherwise. */
  shuffle?: boolean;
  seed?: number;
  /** Keep each fold's model in the result (default false: models are disposed after their fold). */
  keepModels?: boolean;
}

export interface FoldResult {
  fold: number;
  repeat: number;
  history: Record<string, number[]>;
  /** The monitored value at the last epoch, and its best value and epoch (0-based). */
  final: number;
  best: number;
  bestEpoch: number;
  model?: tfNamespace.LayersModel;
}

export interface KFoldResult {
  monitor: string;
  folds: FoldResult[];
  /** Mean and standard deviation over folds of the final validation score. */
  mean: number;
  std: number;
  /** Mean and standard deviation over folds of the best validation score. */
  bestMean: number;
  bestStd: number;
  /** Per-epoch mean over folds of every logged quantity (the curve to choose an epoch count from). */
  meanHistory: Record<string, number[]>;
  summary: string;
}

const meanOf = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const stdOf = (v: number[]): number => Math.sqrt(meanOf(v.map((x) => (x - meanOf(v)) ** 2)));

function numericHistory(history: tfNamespace.History): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [key, values] of Object.entries(history.history)) out[key] = values.map((v) => (typeof v === 'number' ? v : NaN));
  return out;
}

function averageHistories(histories: Record<string, number[]>[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const key of Object.keys(histories[0] ?? {})) {
    const length = Math.min(...histories.map((h) => h[key]?.length ?? 0));
    out[key] = Array.from({ length }, (_, e) => meanOf(histories.map((h) => h[key][e])));
  }
  return out;
}

export async function kfold(tf: Tf, options: KFoldOptions): Promise<KFoldResult> {
  const where = 'fitlab.kfold';
  const k = requireNumber(where, 'k', options.k, { min: 2, integer: true });
  const repeats = requireNumber(where, 'repeats', options.repeats ?? 1, { min: 1, integer: true });
  if (typeof options.build !== 'function') throw new TypeError(`${where}: build must be a function returning a fresh compiled model`);
  const { x, y } = options;
  const n = x.shape[0];
  if (y.shape[0] !== n) throw new RangeError(`${where}: x has ${n} samples but y has ${y.shape[0]}; they must match`);
  if (n < k) throw new RangeError(`${where}: k must be <= the number of samples (${n}), got ${k}`);
  const monitor = options.monitor ?? 'val_loss';
  const higherIsBetter = isScoreLike(monitor);
  const shuffle = options.shuffle ?? repeats > 1;
  const fit = options.fit ?? ((model: tfNamespace.LayersModel, d: FoldData) => model.fit(d.xTrain, d.yTrain, { epochs: 10, batchSize: 32, ...options.fitArgs, validationData: [d.xVal, d.yVal] }));

  const folds: FoldResult[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const order = shuffle ? permutation(n, options.seed === undefined ? undefined : options.seed + repeat) : Int32Array.from({ length: n }, (_, i) => i);
    const foldSize = Math.floor(n / k);
    for (let fold = 0; fold < k; fold++) {
      const start = fold * foldSize;
      const end = fold === k - 1 ? n : start + foldSize;
      const valIdx = order.slice(start, end);
      const trainIdx = Int32Array.from([...order.slice(0, start), ...order.slice(end)]);
      const data: FoldData = tf.tidy(() => {
        const pick = (t: Tensor, idx: Int32Array): Tensor => tf.gather(t, tf.tensor1d(idx, 'int32'));
        return { xTrain: pick(x, trainIdx), yTrain: pick(y, trainIdx), xVal: pick(x, valIdx), yVal: pick(y, valIdx), fold, repeat };
      });
      const label = repeats > 1 ? `repeat ${repeat + 1}/${repeats} fold ${fold + 1}/${k}` : `fold ${fold + 1}/${k}`;
      const model = options.build();
      try {
        // Every run the fold's fit records says which fold of which repeat it is (for the checklist and views).
        const trained = await withEvaluationProtocol({ protocol: { kind: 'kfold', k, fold, repeats, repeat }, labelSuffix: label }, () => fit(model, data));
        const history = numericHistory(trained);
        const scores = history[monitor];
        if (!scores?.length) throw new Error(`${where}: fold ${fold + 1} logged no '${monitor}' (logged: ${Object.keys(history).join(', ')}); pass validation data to fit or choose another monitor`);
        const best = higherIsBetter ? Math.max(...scores) : Math.min(...scores);
        folds.push({ fold, repeat, history, final: scores[scores.length - 1], best, bestEpoch: scores.indexOf(best), ...(options.keepModels ? { model } : {}) });
      } finally {
        tf.dispose([data.xTrain, data.yTrain, data.xVal, data.yVal]);
        if (!options.keepModels) model.dispose();
      }
    }
  }
  const finals = folds.map((f) => f.final);
  const bests = folds.map((f) => f.best);
  const result = { monitor, folds, mean: meanOf(finals), std: stdOf(finals), bestMean: meanOf(bests), bestStd: stdOf(bests), meanHistory: averageHistories(folds.map((f) => f.history)) };
  const fmt = (v: number): string => v.toFixed(4);
  return { ...result, summary: `${repeats > 1 ? `${repeats}x ` : ''}${k}-fold ${monitor}: ${fmt(result.mean)} ± ${fmt(result.std)} at the last epoch, best ${fmt(result.bestMean)} ± ${fmt(result.bestStd)}` };
}
