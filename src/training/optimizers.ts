/**
 * Learning-rate access that works on every tfjs optimizer, and optimizer factories that accept a
 * schedule. Why this exists: tfjs optimizers read the `learningRate` field at each update for
 * adam/rmsprop/adagrad/adamax/adadelta, but sgd and momentum read a cached scalar `c` that only
 * `setLearningRate()` refreshes, so writing the field alone is silently ignored there. And
 * `instanceof tf.SGDOptimizer` is true for every tfjs optimizer, so we dispatch on the method, not the class.
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import { isSchedule, type LearningRateSchedule } from './schedules/schedule';
import { requireNumber } from './schedules/schedule';

type Tf = typeof tfNamespace;
export type Optimizer = tfNamespace.Optimizer;
/** A constant rate or a schedule of the optimizer step. */
export type LearningRate = number | LearningRateSchedule;

interface RateField { learningRate?: number; setLearningRate?: (lr: number) => void }

/** Schedules attached to optimizers by the factories below; applied per batch by the fit recorder. */
const schedules = new WeakMap<object, LearningRateSchedule>();

export function getLearningRate(optimizer: Optimizer): number {
  const rate = (optimizer as unknown as RateField).learningRate;
  if (typeof rate !== 'number') throw new TypeError(`fitlab: the ${optimizerName(optimizer)} optimizer has no numeric learning rate`);
  return rate;
}

/** Sets the rate used by the next update, on any tfjs optimizer. */
export function setLearningRate(optimizer: Optimizer, lr: number): void {
  requireNumber('fitlab.setLearningRate', 'learning rate', lr, { min: 0 });
  const target = optimizer as unknown as RateField;
  if (typeof target.setLearningRate === 'function') target.setLearningRate(lr);
  else target.learningRate = lr;
}

export function scheduleOf(optimizer: Optimizer): LearningRateSchedule | undefined {
  return schedules.get(optimizer);
}

/** Lower-case name as users write it: "adam", "sgd", "momentum", "rmsprop", ... */
export function optimizerName(optimizer: Optimizer): string {
  const className = (optimizer.constructor as { className?: string }).className ?? optimizer.getClassName?.() ?? 'optimizer';
  return className.toLowerCase();
}

export interface AdamOptions { learningRate?: LearningRate; beta1?: number; beta2?: number; epsilon?: number }
export interface SgdOptions { learningRate?: LearningRate; /** > 0 gives tfjs's momentum optimizer. */ momentum?: number; nesterov?: boolean }
export interface RmspropOptions { learningRate?: LearningRate; rho?: number; momentum?: number; epsilon?: number; centered?: boolean }
export interface AdagradOptions { learningRate?: LearningRate; initialAccumulatorValue?: number }
export interface AdamaxOptions { learningRate?: LearningRate; beta1?: number; beta2?: number; epsilon?: number }

/** Optimizers with Keras's default rates; `learningRate` may be a number or a schedule. */
export interface OptimizersModule {
  adam(options?: AdamOptions): Optimizer;
  sgd(options?: SgdOptions): Optimizer;
  rmsprop(options?: RmspropOptions): Optimizer;
  adagrad(options?: AdagradOptions): Optimizer;
  adamax(options?: AdamaxOptions): Optimizer;
  getLearningRate(optimizer: Optimizer): number;
  setLearningRate(optimizer: Optimizer, lr: number): void;
}

export function createOptimizers(tf: Tf): OptimizersModule {
  /** Builds with the schedule's step-0 rate and remembers the schedule for the fit recorder. */
  const withRate = (name: string, learningRate: LearningRate | undefined, fallback: number, build: (lr: number) => Optimizer): Optimizer => {
    const initial = isSchedule(learningRate) ? learningRate(0) : learningRate ?? fallback;
    requireNumber(`fitlab.optimizers.${name}`, 'learningRate', initial, { min: 0 });
    const optimizer = build(initial);
    if (isSchedule(learningRate)) schedules.set(optimizer, learningRate);
    return optimizer;
  };
  return {
    adam: (o = {}) => withRate('adam', o.learningRate, 0.001, (lr) => tf.train.adam(lr, o.beta1 ?? 0.9, o.beta2 ?? 0.999, o.epsilon ?? 1e-7)),
    sgd: (o = {}) => withRate('sgd', o.learningRate, 0.01, (lr) => (o.momentum ? tf.train.momentum(lr, o.momentum, o.nesterov ?? false) : tf.train.sgd(lr))),
    rmsprop: (o = {}) => withRate('rmsprop', o.learningRate, 0.001, (lr) => tf.train.rmsprop(lr, o.rho ?? 0.9, o.momentum ?? 0, o.epsilon ?? 1e-7, o.centered ?? false)),
    adagrad: (o = {}) => withRate('adagrad', o.learningRate, 0.001, (lr) => tf.train.adagrad(lr, o.initialAccumulatorValue ?? 0.1)),
    adamax: (o = {}) => withRate('adamax', o.learningRate, 0.001, (lr) => tf.train.adamax(lr, o.beta1 ?? 0.9, o.beta2 ?? 0.999, o.epsilon ?? 1e-7)),
    getLearningRate,
    setLearningRate,
  };
}
