import { makeSchedule, requireNumber, type LearningRateSchedule } from './schedule';

export interface PiecewiseConstantOptions {
  /** Increasing step numbers where the rate changes. */
  boundaries: number[];
  /** One more value than boundaries: values[i] applies while step <= boundaries[i] (Keras's rule). */
  values: number[];
}

/** Keras's PiecewiseConstantDecay: `values[0]` up to and including `boundaries[0]`, then `values[1]`, ... */
export function piecewiseConstant(options: PiecewiseConstantOptions): LearningRateSchedule {
  const where = 'fitlab.schedules.piecewiseConstant';
  const { boundaries, values } = options ?? {};
  if (!Array.isArray(boundaries) || !Array.isArray(values) || values.length !== boundaries.length + 1) {
    throw new RangeError(`${where}: values must have exactly one more entry than boundaries (got ${values?.length} values, ${boundaries?.length} boundaries)`);
  }
  boundaries.forEach((b, i) => requireNumber(where, `boundaries[${i}]`, b, { min: i === 0 ? -Infinity : boundaries[i - 1], minExclusive: i > 0 }));
  values.forEach((v, i) => requireNumber(where, `values[${i}]`, v, { min: 0 }));
  return makeSchedule('piecewiseConstant', { boundaries: [...boundaries], values: [...values] }, (step) => {
    const index = boundaries.findIndex((boundary) => step <= boundary);
    return values[index === -1 ? boundaries.length : index];
  });
}
