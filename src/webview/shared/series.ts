/**
 * What to draw from a run: which logged keys are losses, metrics or the learning rate, each
 * validation series paired with its training series, and per-batch points placed inside their
 * epoch. Pure (plain Run in, points out) so the dashboard, the renderer, the report and the SVG
 * image all draw the same thing.
 *
 * The x axis is the run's epoch number, 0-based as in Keras's CSVLogger and in the diagnostics'
 * messages ("overfitting from epoch 7" is drawn at x = 7); epoch e's batches spread over [e, e + 1).
 */
import type { Run } from '../../protocol/run';
import type { Point } from './decimate';

export interface Series {
  /** The history key, e.g. "val_loss". */
  key: string;
  /** Training or validation; validation is drawn dashed in the colour of its training series. */
  role: 'train' | 'val';
  points: Point[];
}

export interface MetricGroup {
  /** The metric without "val_", e.g. "acc". */
  base: string;
  series: Series[];
}

export interface RunSeries {
  /** "loss", "val_loss" and any other "*loss" keys, training before validation. */
  losses: Series[];
  /** One group per metric (accuracy, mae, ...), each with its validation pair. */
  metrics: MetricGroup[];
  /** Per-batch loss: the light series under the epoch curve. */
  batchLoss: Point[];
  /** The learning rate, per batch when recorded (shows schedules within an epoch), else per epoch. */
  lr: Point[];
}

/** Keys under which runs log the learning rate (tfjs callbacks and Keras 2 / 3 names). */
export const LR_KEYS: readonly string[] = ['lr', 'learning_rate', 'learningRate'];

export const baseKey = (key: string): string => (key.startsWith('val_') ? key.slice(4) : key);
export const isLossKey = (key: string): boolean => /loss$/i.test(baseKey(key));

/** The x of a run's epoch (0-based) on every chart. */
export const epochX = (epoch: number): number => epoch;

export function buildRunSeries(run: Run): RunSeries {
  const keys = Object.keys(run.history).filter((k) => !LR_KEYS.includes(k));
  const epochSeries = (key: string): Series => ({
    key,
    role: key.startsWith('val_') ? 'val' : 'train',
    points: run.epochs.map((epoch, i) => ({ x: epochX(epoch), y: finiteOrNull(run.history[key]?.[i]) })),
  });
  const losses = orderPairs(keys.filter(isLossKey)).map(epochSeries);
  const metricBases = [...new Set(keys.filter((k) => !isLossKey(k)).map(baseKey))].sort();
  const metrics = metricBases.map((base) => ({
    base,
    series: orderPairs(keys.filter((k) => baseKey(k) === base)).map(epochSeries),
  }));
  const batchX = batchPositions(run);
  const batchLoss = run.batches.loss.map((y, i) => ({ x: batchX[i], y: finiteOrNull(y) }));
  const lrKey = LR_KEYS.find((k) => run.history[k]?.some((v) => v !== null));
  const lr = run.batches.lr.length > 0
    ? run.batches.lr.map((y, i) => ({ x: batchX[i], y: positiveOrNull(y) }))
    : lrKey
      ? run.epochs.map((epoch, i) => ({ x: epochX(epoch), y: positiveOrNull(run.history[lrKey]?.[i]) }))
      : [];
  return { losses, metrics, batchLoss, lr };
}

/** Training key first, then its "val_" key; pairs in key order ("loss" before "out_loss"). */
function orderPairs(keys: string[]): string[] {
  return [...keys].sort((a, b) => baseKey(a).localeCompare(baseKey(b)) || Number(a.startsWith('val_')) - Number(b.startsWith('val_')));
}

/**
 * x of each recorded batch: batch j of an epoch with n batches sits at epoch + j / n, so an
 * epoch's batches lead from its point to the next one's. For the epoch still running, n is
 * the batch count of the finished epochs (or the count the data implies) so points do not move.
 */
export function batchPositions(run: Run): number[] {
  const counts = new Map<number, number>();
  for (const e of run.batches.epoch) counts.set(e, (counts.get(e) ?? 0) + 1);
  const finished = new Set(run.epochs);
  // What finished epochs did is the best guess; the data size is the guess before the first ends.
  const finishedCounts = [...counts].filter(([e]) => finished.has(e)).map(([, n]) => n);
  const expected = Math.max(1, finishedCounts.length > 0 ? Math.max(...finishedCounts) : expectedBatchesPerEpoch(run));
  const seen = new Map<number, number>();
  return run.batches.epoch.map((e) => {
    const j = seen.get(e) ?? 0;
    seen.set(e, j + 1);
    const n = finished.has(e) ? (counts.get(e) ?? 1) : Math.max(expected, counts.get(e) ?? 1);
    return epochX(e) + j / n;
  });
}

/** Batches per epoch implied by the data size, the validation split and the batch size (0 if unknown). */
function expectedBatchesPerEpoch(run: Run): number {
  const samples = run.data?.inputs?.samples ?? 0;
  const split = run.data?.validation?.source === 'validationSplit' ? (run.params.validationSplit ?? 0) : 0;
  const batchSize = run.params?.batchSize ?? 0;
  if (samples <= 0 || batchSize <= 0) return 0;
  return Math.ceil(Math.floor(samples * (1 - split)) / batchSize);
}

const finiteOrNull = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const positiveOrNull = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null);
