/** Small summaries of the training data for the run record (read by the diagnostics). */
import type { FeatureStats, LabelKind, LabelStats } from '../../protocol/run';

export type NumericArray = Float32Array | Int32Array | Uint8Array | number[];

/** Rows read for the statistics: enough for ranges and means, bounded so a large dataset costs little per fit. */
export const MAX_STATS_ROWS = 4096;
/**
 * Values read at most, so wide inputs cost little too (a 10,000-word multi-hot set read 4096 full
 * rows — 41M values, ~140 ms — at every fit); never fewer than MIN_STATS_ROWS rows.
 */
export const MAX_STATS_VALUES = 1 << 20;
export const MIN_STATS_ROWS = 256;

/** How many evenly spaced rows the statistics of a [samples, features] matrix read. */
export function statsRows(samples: number, features: number): number {
  const byValues = Math.floor(MAX_STATS_VALUES / Math.max(1, features));
  return Math.min(samples, Math.max(MIN_STATS_ROWS, Math.min(MAX_STATS_ROWS, byValues)));
}

/**
 * One pass over a row-major [samples, features] matrix. Past `statsRows` rows the statistics come
 * from evenly spaced rows (`samples` stays the full count).
 */
export function featureStats(data: NumericArray, samples: number, features: number): FeatureStats {
  const rowsRead = statsRows(samples, features);
  const stride = rowsRead > 0 ? samples / rowsRead : 1;
  const sums = new Float64Array(features);
  const squares = new Float64Array(features);
  const mins = new Float64Array(features).fill(Infinity);
  const maxs = new Float64Array(features).fill(-Infinity);
  for (let r = 0; r < rowsRead; r++) {
    const offset = Math.floor(r * stride) * features;
    for (let f = 0; f < features; f++) {
      const v = data[offset + f];
      sums[f] += v;
      squares[f] += v * v;
      if (v < mins[f]) mins[f] = v;
      if (v > maxs[f]) maxs[f] = v;
    }
  }
  let min = Infinity, max = -Infinity, meanSum = 0, maxAbsMean = 0, maxStd = 0;
  const firstFeatures: [number, number, number][] = [];
  for (let f = 0; f < features; f++) {
    const mean = rowsRead ? sums[f] / rowsRead : 0;
    const std = rowsRead ? Math.sqrt(Math.max(0, squares[f] / rowsRead - mean * mean)) : 0;
    min = Math.min(min, mins[f]);
    max = Math.max(max, maxs[f]);
    meanSum += mean;
    maxAbsMean = Math.max(maxAbsMean, Math.abs(mean));
    maxStd = Math.max(maxStd, std);
    if (f < 32) firstFeatures.push([mins[f], maxs[f], mean]);
  }
  return { samples, features, min: finiteOr0(min), max: finiteOr0(max), meanOfMeans: features ? meanSum / features : 0, maxAbsMean, maxStd, firstFeatures };
}

const finiteOr0 = (v: number): number => (Number.isFinite(v) ? v : 0);

/** Binary (one 0/1 column), multiclass (one-hot columns or integer ids with a sparse loss) or regression. */
export function labelStats(data: NumericArray, samples: number, columns: number, loss: string): LabelStats {
  const isInteger = (v: number): boolean => Number.isInteger(v) && v >= 0;
  let allBinary = true, allInteger = true;
  for (let i = 0; i < samples * columns; i++) {
    const v = data[i];
    if (v !== 0 && v !== 1) allBinary = false;
    if (!isInteger(v)) allInteger = false;
  }
  const lossName = loss.toLowerCase();
  const kind: LabelKind = columns > 1 && allBinary ? 'multiclass'
    : columns === 1 && lossName.includes('sparse') && allInteger ? 'multiclass'
    : columns === 1 && allBinary && !/squared|absolute|huber|logcosh/.test(lossName) ? 'binary'
    : 'regression';
  if (kind === 'regression') {
    let sum = 0, sq = 0;
    for (let i = 0; i < samples * columns; i++) { sum += data[i]; sq += data[i] * data[i]; }
    const n = samples * columns || 1;
    const mean = sum / n;
    return { kind, mean, std: Math.sqrt(Math.max(0, sq / n - mean * mean)) };
  }
  const counts: number[] = [];
  for (let row = 0; row < samples; row++) {
    const cls = kind === 'binary' || columns === 1 ? data[row * columns] : argmaxRow(data, row, columns);
    counts[cls] = (counts[cls] ?? 0) + 1;
  }
  const classBalance = Array.from(counts, (c) => (c ?? 0) / (samples || 1));
  if (kind === 'binary' && classBalance.length < 2) classBalance.push(0);
  return { kind, classBalance };
}

function argmaxRow(data: NumericArray, row: number, columns: number): number {
  let best = 0;
  for (let c = 1; c < columns; c++) if (data[row * columns + c] > data[row * columns + best]) best = c;
  return best;
}

export function hasNonFinite(data: NumericArray): boolean {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return true;
  return false;
}

/** The statistics of several inputs of one model (multi-input fits), as if their features sat side by side. */
export function mergeFeatureStats(parts: FeatureStats[]): FeatureStats {
  if (parts.length === 1) return parts[0];
  const features = parts.reduce((n, p) => n + p.features, 0);
  const nonEmpty = parts.filter((p) => p.features > 0);
  return {
    samples: parts[0]?.samples ?? 0,
    features,
    min: nonEmpty.length ? Math.min(...nonEmpty.map((p) => p.min)) : 0,
    max: nonEmpty.length ? Math.max(...nonEmpty.map((p) => p.max)) : 0,
    meanOfMeans: features ? parts.reduce((sum, p) => sum + p.meanOfMeans * p.features, 0) / features : 0,
    maxAbsMean: Math.max(0, ...parts.map((p) => p.maxAbsMean)),
    maxStd: Math.max(0, ...parts.map((p) => p.maxStd)),
    firstFeatures: parts.flatMap((p) => p.firstFeatures).slice(0, 32),
  };
}
