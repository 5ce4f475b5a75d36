/**
 * Data statistics for fits whose x or y is not one tensor (multi-input or multi-output models, given
 * as arrays or name maps of tensors): the inputs' features side by side, the first output's labels.
 * These fits go through tfjs's own fit, but the run still says what it was trained on.
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import type { DataStats, FeatureStats } from '../../protocol/run';
import { featureStats, labelStats, mergeFeatureStats, statsRows, type NumericArray } from './dataStats';

type Tf = typeof tfNamespace;
type Tensor = tfNamespace.Tensor;

/** The tensors of a fit argument, in order: one tensor, an array of them, or a map from names. */
export function tensorsOf(tf: Tf, value: unknown): Tensor[] {
  if (value instanceof tf.Tensor) return [value];
  const items = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? Object.values(value) : [];
  return items.filter((t): t is Tensor => t instanceof tf.Tensor);
}

/** The first `samples` rows of a numeric tensor, row-major, and the length of a row. */
function firstRows(t: Tensor, samples: number): { data: NumericArray; row: number } | null {
  if (t.dtype === 'string' || t.shape[0] === 0) return null;
  const row = t.size / t.shape[0];
  const all = t.dataSync() as Float32Array | Int32Array | Uint8Array;
  return { data: all.subarray(0, samples * row), row };
}

/**
 * Feature statistics of the first `samples` rows of an input, reading only the evenly spaced rows
 * the statistics use (gathered on the backend): an input is never copied whole for them.
 */
function inputStats(tf: Tf, t: Tensor, samples: number): FeatureStats | null {
  if (t.dtype === 'string' || t.shape[0] === 0 || samples === 0) return null;
  const row = t.size / t.shape[0];
  const rows = statsRows(samples, row);
  const indices = Array.from({ length: rows }, (_, r) => Math.floor((r * samples) / rows));
  const sampled = tf.tidy(() => tf.gather(t, tf.tensor1d(indices, 'int32')));
  const data = sampled.dataSync() as Float32Array | Int32Array | Uint8Array;
  sampled.dispose();
  return { ...featureStats(data, rows, row), samples };
}

export function multiTensorDataStats(tf: Tf, x: unknown, y: unknown, validationSplit: number, loss: string, validation: DataStats['validation']): DataStats | null {
  const inputs = tensorsOf(tf, x);
  const outputs = tensorsOf(tf, y);
  if (inputs.length === 0 || outputs.length === 0) return null;
  const total = inputs[0].shape[0];
  const samples = validationSplit > 0 ? Math.floor(total * (1 - validationSplit)) : total;
  const parts = inputs.map((t) => inputStats(tf, t, samples)).filter((p): p is FeatureStats => p !== null);
  const labels = firstRows(outputs[0], samples);
  if (parts.length === 0 || !labels) return null;
  return {
    inputs: mergeFeatureStats(parts),
    labels: labelStats(labels.data, samples, labels.row, loss),
    validation: { ...validation, samples: validationSplit > 0 ? total - samples : validation.samples },
  };
}
