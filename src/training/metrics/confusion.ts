/**
 * Confusion counts per decision threshold, the state Keras's AUC, Precision and Recall keep between
 * batches. Counted on the backend (one comparison matrix per batch) and summed in float64 on the
 * JS side, so an epoch of any length adds up exactly.
 */
import type * as tfNamespace from '@tensorflow/tfjs';

type Tf = typeof tfNamespace;

export interface Confusion {
  /** Predicted positive (score > threshold) and labelled positive, per threshold. */
  tp: Float64Array;
  fp: Float64Array;
  tn: Float64Array;
  fn: Float64Array;
}

export function emptyConfusion(thresholds: number): Confusion {
  return { tp: new Float64Array(thresholds), fp: new Float64Array(thresholds), tn: new Float64Array(thresholds), fn: new Float64Array(thresholds) };
}

export function isEmpty(c: Confusion): boolean {
  return c.tp.length === 0 || c.tp[0] + c.fp[0] + c.tn[0] + c.fn[0] === 0;
}

export function addInto(target: Confusion, batch: Confusion): void {
  for (let i = 0; i < target.tp.length; i++) {
    target.tp[i] += batch.tp[i];
    target.fp[i] += batch.fp[i];
    target.tn[i] += batch.tn[i];
    target.fn[i] += batch.fn[i];
  }
}

/**
 * The counts of one batch, as Keras counts them: labels and scores flattened, a label is positive
 * when it is non-zero, a prediction is positive when its score is strictly greater than the threshold.
 */
export function batchConfusion(tf: Tf, yTrue: tfNamespace.Tensor, yPred: tfNamespace.Tensor, thresholds: Float32Array): Confusion {
  const [truePositives, predictedPositives, positives, samples] = tf.tidy(() => {
    const truth = tf.notEqual(tf.reshape(yTrue, [-1, 1]), 0).toFloat();
    const scores = tf.reshape(yPred, [-1, 1]).toFloat();
    const above = tf.greater(scores, tf.tensor2d(thresholds, [1, thresholds.length])).toFloat();
    // One [1, N] x [N, T] product gives the true positives at every threshold at once.
    return [tf.matMul(truth, above, true, false), tf.sum(above, 0), tf.sum(truth), tf.scalar(truth.shape[0])];
  });
  const tpValues = truePositives.dataSync();
  const predictedValues = predictedPositives.dataSync();
  const positiveCount = positives.dataSync()[0];
  const sampleCount = samples.dataSync()[0];
  tf.dispose([truePositives, predictedPositives, positives, samples]);
  const c = emptyConfusion(thresholds.length);
  for (let i = 0; i < thresholds.length; i++) {
    c.tp[i] = tpValues[i];
    c.fp[i] = predictedValues[i] - tpValues[i];
    c.fn[i] = positiveCount - tpValues[i];
    c.tn[i] = sampleCount - positiveCount - c.fp[i];
  }
  return c;
}
