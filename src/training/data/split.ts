/** `fitlab.data.split`: a hold-out validation split, shuffled (reproducibly with a seed) by default. */
import type * as tfNamespace from '@tensorflow/tfjs';
import { requireNumber } from '../schedules/schedule';
import { permutation } from './random';

type Tf = typeof tfNamespace;
type Tensor = tfNamespace.Tensor;

export interface SplitOptions {
  /** Fraction of samples held out for validation, in (0, 1). Default 0.2. */
  validation?: number;
  /** Shuffle before splitting (default true); false keeps the LAST fraction for validation, as validationSplit does. */
  shuffle?: boolean;
  /** Makes the shuffle reproducible. */
  seed?: number;
}

export interface Split<T extends Tensor = Tensor> {
  xTrain: T;
  yTrain: T;
  xVal: T;
  yVal: T;
}

export function split(tf: Tf, x: Tensor, y: Tensor, options: SplitOptions = {}): Split {
  const where = 'fitlab.data.split';
  const fraction = requireNumber(where, 'validation', options.validation ?? 0.2, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  const n = x.shape[0];
  if (y.shape[0] !== n) throw new RangeError(`${where}: x has ${n} samples but y has ${y.shape[0]}; they must match`);
  const trainCount = Math.floor(n * (1 - fraction));
  if (trainCount < 1 || trainCount >= n) throw new RangeError(`${where}: ${n} samples are too few to hold out ${fraction} for validation`);
  const order = options.shuffle === false ? null : permutation(n, options.seed);
  return tf.tidy(() => {
    const pick = (t: Tensor, from: number, to: number): Tensor => (order ? tf.gather(t, tf.tensor1d(order.subarray(from, to), 'int32')) : t.slice(from, to - from));
    return { xTrain: pick(x, 0, trainCount), yTrain: pick(y, 0, trainCount), xVal: pick(x, trainCount, n), yVal: pick(y, trainCount, n) };
  });
}
