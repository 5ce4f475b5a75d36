import { makeSchedule, requireNumber, type LearningRateSchedule } from './schedule';

export interface ExponentialDecayOptions {
  initialLearningRate: number;
  /** Optimizer steps (batches) per decay period; must be > 0. */
  decaySteps: number;
  decayRate: number;
  /** Decay in whole periods (floor of step / decaySteps), as Keras's `staircase=True`. */
  staircase?: boolean;
}

/** Keras's ExponentialDecay: `initial * decayRate ^ (step / decaySteps)`, floored exponent with staircase. */
export function exponentialDecay(options: ExponentialDecayOptions): LearningRateSchedule {
  const where = 'fitlab.schedules.exponentialDecay';
  const initial = requireNumber(where, 'initialLearningRate', options?.initialLearningRate, { min: 0 });
  const decaySteps = requireNumber(where, 'decaySteps', options.decaySteps, { min: 0, minExclusive: true });
  const decayRate = requireNumber(where, 'decayRate', options.decayRate, { min: 0 });
  const staircase = options.staircase ?? false;
  return makeSchedule('exponentialDecay', { initialLearningRate: initial, decaySteps, decayRate, staircase }, (step) => {
    const periods = staircase ? Math.floor(step / decaySteps) : step / decaySteps;
    return initial * Math.pow(decayRate, periods);
  });
}
