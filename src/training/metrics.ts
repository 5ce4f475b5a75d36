/**
 * Binary-classification metrics beyond tfjs's accuracy, as metric functions for
 * `model.compile({metrics: [fitlab.metrics.auc, ...]})` (logged as "auc", "val_auc", ...).
 *
 * tfjs computes function metrics per batch and averages them over the epoch, weighted by batch
 * size: exact for the batch, an approximation of the whole-set value (Keras's AUC accumulates over
 * the epoch instead). Large batches make it closer. AUC uses 200 thresholds like Keras's default.
 */
import type * as tfNamespace from '@tensorflow/tfjs';

type Tf = typeof tfNamespace;
type Tensor = tfNamespace.Tensor;
export type MetricFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

export interface MetricsModule {
  /** ROC AUC (trapezoidal over 200 thresholds); 0 when a batch holds only one class. */
  auc: MetricFn;
  /** TP / (TP + FP) at threshold 0.5; 0 when nothing is predicted positive. */
  precision: MetricFn;
  /** TP / (TP + FN) at threshold 0.5; 0 when there are no positives. */
  recall: MetricFn;
}

const THRESHOLDS = 200;

export function createMetrics(tf: Tf): MetricsModule {
  const safeDiv = (a: Tensor, b: Tensor): Tensor => tf.where(tf.greater(b, 0), tf.div(a, tf.maximum(b, 1e-12)), tf.zerosLike(a));
  const counts = (yTrue: Tensor, yPred: Tensor) => {
    const truth = tf.reshape(tf.greater(yTrue, 0.5), [-1]).toFloat();
    const predicted = tf.reshape(tf.greaterEqual(yPred, 0.5), [-1]).toFloat();
    const tp = tf.sum(tf.mul(truth, predicted));
    return { tp, positives: tf.sum(truth), predictedPositives: tf.sum(predicted) };
  };
  function precision(yTrue: Tensor, yPred: Tensor): Tensor {
    return tf.tidy(() => {
      const c = counts(yTrue, yPred);
      return safeDiv(c.tp, c.predictedPositives);
    });
  }
  function recall(yTrue: Tensor, yPred: Tensor): Tensor {
    return tf.tidy(() => {
      const c = counts(yTrue, yPred);
      return safeDiv(c.tp, c.positives);
    });
  }
  function auc(yTrue: Tensor, yPred: Tensor): Tensor {
    return tf.tidy(() => {
      const truth = tf.reshape(tf.greater(yTrue, 0.5), [-1, 1]).toFloat();
      const scores = tf.reshape(yPred, [-1, 1]);
      // Keras's thresholds: 0 - eps, evenly spaced inside (0, 1), 1 + eps.
      const inner = Array.from({ length: THRESHOLDS - 2 }, (_, i) => (i + 1) / (THRESHOLDS - 1));
      const thresholds = tf.tensor2d([-1e-7, ...inner, 1 + 1e-7], [1, THRESHOLDS]);
      const above = tf.greater(scores, thresholds).toFloat();
      const tpr = safeDiv(tf.sum(tf.mul(above, truth), 0), tf.sum(truth));
      const fpr = safeDiv(tf.sum(tf.mul(above, tf.sub(1, truth)), 0), tf.sum(tf.sub(1, truth)));
      const n = THRESHOLDS - 1;
      const widths = tf.sub(fpr.slice(0, n), fpr.slice(1, n));
      const heights = tf.div(tf.add(tpr.slice(0, n), tpr.slice(1, n)), 2);
      const area = tf.sum(tf.mul(widths, heights));
      const bothClasses = tf.logicalAnd(tf.greater(tf.sum(truth), 0), tf.greater(tf.sum(tf.sub(1, truth)), 0));
      return tf.where(bothClasses, area, tf.zerosLike(area));
    });
  }
  return { auc, precision, recall };
}
