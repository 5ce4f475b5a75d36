/**
 * Feature scaling fitted on the training part only (statistics from validation or test data would
 * leak them into training): each returns the scaled training data and the statistics, with `apply`
 * to scale validation and test data the same way.
 */
import type * as tfNamespace from '@tensorflow/tfjs';

type Tf = typeof tfNamespace;
type Tensor = tfNamespace.Tensor;

export interface Scaled {
  /** The scaled training data. */
  x: Tensor;
  /** Scales other data (validation, test) with the training statistics. */
  apply(x: Tensor): Tensor;
}
export interface Normalized extends Scaled {
  /** Per-feature mean and standard deviation of the training data (std 0 is replaced by 1). */
  mean: Tensor;
  std: Tensor;
}
export interface MinMaxScaled extends Scaled {
  min: Tensor;
  max: Tensor;
}

/** z-score: `(x - mean) / std` per feature, with mean and std from `xTrain`. */
export function normalize(tf: Tf, xTrain: Tensor): Normalized {
  const { mean, std } = tf.tidy(() => {
    const moments = tf.moments(xTrain, 0);
    const sd = tf.sqrt(moments.variance);
    return { mean: moments.mean, std: tf.where(tf.equal(sd, 0), tf.onesLike(sd), sd) };
  });
  const apply = (x: Tensor): Tensor => tf.tidy(() => tf.div(tf.sub(x, mean), std));
  return { x: apply(xTrain), mean, std, apply };
}

/** To [0, 1] per feature with the training min and max (constant features become 0). */
export function minMaxScale(tf: Tf, xTrain: Tensor): MinMaxScaled {
  const min = tf.min(xTrain, 0);
  const max = tf.max(xTrain, 0);
  const range = tf.tidy(() => {
    const r = tf.sub(max, min);
    return tf.where(tf.equal(r, 0), tf.onesLike(r), r);
  });
  const apply = (x: Tensor): Tensor => tf.tidy(() => tf.div(tf.sub(x, min), range));
  return { x: apply(xTrain), min, max, apply };
}
