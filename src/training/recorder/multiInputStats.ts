/**
 * Data statistics for fits whose x or y is not one tensor (multi-input or multi-output models, given
 * as arrays or name maps of tensors): the inputs' features side by side, the first output's labels.
 * These fits go through tfjs's own fit, but the run still says what it was trained on.
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import type { DataStats } from '../../protocol/run';
import { featureStats, labelStats, mergeFeatureStats, type NumericArray } from './dataStats';

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

export function multiTensorDataStats(tf: Tf, x: unknown, y: unknown, validationSplit: number, loss: string, validation: DataStats['validation']): DataStats | null {
  const inputs = tensorsOf(tf, x);
  const outputs = tensorsOf(tf, y);
  if (inputs.length === 0 || outputs.length === 0) return null;
  const total = inputs[0].shape[0];
  const samples = validationSplit > 0 ? Math.floor(total * (1 - validationSplit)) : total;
  const parts = inputs.map((t) => firstRows(t, samples)).filter((p): p is { data: NumericArray; row: number } => p !== null);
  const labels = firstRows(outputs[0], samples);
  if (parts.length === 0 || !labels) return null;
  return {
    inputs: mergeFeatureStats(parts.map((p) => featureStats(p.data, samples, p.row))),
    labels: labelStats(labels.data, samples, labels.row, loss),
    validation: { ...validation, samples: validationSplit > 0 ? total - samples : validation.samples },
  };
}
