import { makeSchedule, requireNumber, type LearningRateSchedule } from './schedule';

export interface CosineDecayOptions {
  initialLearningRate: number;
  /** Steps over which the rate decays (after warm-up); must be > 0. */
  decaySteps: number;
  /** Floor as a fraction of the initial rate (Keras's `alpha`), default 0. */
  alpha?: number;
}

/** Keras's CosineDecay (without warm-up): `initial * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decaySteps) / decaySteps)) + alpha)`. */
export function cosineDecay(options: CosineDecayOptions): LearningRateSchedule {
  const where = 'fitlab.schedules.cosineDecay';
  const initial = requireNumber(where, 'initialLearningRate', options?.initialLearningRate, { min: 0 });
  const decaySteps = requireNumber(where, 'decaySteps', options.decaySteps, { min: 0, minExclusive: true });
  const alpha = requireNumber(where, 'alpha', options.alpha ?? 0, { min: 0, max: 1 });
  return makeSchedule('cosineDecay', { initialLearningRate: initial, decaySteps, alpha }, (step) => {
    const progress = Math.min(step, decaySteps) / decaySteps;
    const cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
    return initial * ((1 - alpha) * cosine + alpha);
  });
}
