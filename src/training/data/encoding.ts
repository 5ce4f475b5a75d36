/** Encodings of integer data: multi-hot bags of words and one-hot labels. */
import type * as tfNamespace from '@tensorflow/tfjs';

type Tf = typeof tfNamespace;

/** `[sequences.length, dim]` with 1 at each index a sequence contains (Chollet's vectorize_sequences). */
export function multiHot(tf: Tf, sequences: ArrayLike<number>[], dim: number): tfNamespace.Tensor2D {
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`fitlab.data.multiHot: dim must be an integer >= 1, got ${dim}`);
  const out = new Float32Array(sequences.length * dim);
  sequences.forEach((sequence, row) => {
    for (let i = 0; i < sequence.length; i++) {
      const index = sequence[i];
      if (!Number.isInteger(index) || index < 0 || index >= dim) {
        throw new RangeError(`fitlab.data.multiHot: sequence ${row}, position ${i}: index ${index} is outside [0, ${dim})`);
      }
      out[row * dim + index] = 1;
    }
  });
  return tf.tensor2d(out, [sequences.length, dim]);
}

/** `[labels.length, numClasses]` float one-hot rows. */
export function oneHot(tf: Tf, labels: ArrayLike<number> | tfNamespace.Tensor, numClasses: number): tfNamespace.Tensor2D {
  const values = labels instanceof tf.Tensor ? Array.from(labels.dataSync()) : Array.from(labels);
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v >= numClasses) throw new RangeError(`fitlab.data.oneHot: label ${i} is ${v}, outside [0, ${numClasses})`);
  });
  return tf.tidy(() => tf.oneHot(tf.tensor1d(values, 'int32'), numClasses).toFloat() as tfNamespace.Tensor2D);
}
