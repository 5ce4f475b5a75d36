/**
 * Keras-style weight penalties built as tfjs `Regularizer`s (so they plug into `kernelRegularizer`).
 * Keras's defaults, not tfjs's: `l1l2()` with no arguments adds nothing (tfjs's adds 0.01 + 0.01).
 * The penalty is `l1 * sum(|w|) + l2 * sum(w^2)`, no 1/2 factor, as in both Keras and tfjs.
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import type { RegularizerSummary } from '../protocol/run';
import { requireNumber } from './schedules/schedule';

type Tf = typeof tfNamespace;
export type Regularizer = tfNamespace.serialization.Serializable & { apply(x: tfNamespace.Tensor): tfNamespace.Scalar };

export interface RegularizersModule {
  /** `a * sum(|w|)`; Keras's default a = 0.01. */
  l1(a?: number): Regularizer;
  /** `a * sum(w^2)`; Keras's default a = 0.01. */
  l2(a?: number): Regularizer;
  /** Both penalties; each defaults to 0 as in Keras's `L1L2()`. */
  l1l2(strengths?: { l1?: number; l2?: number }): Regularizer;
}

function strength(name: string, value: number): number {
  return requireNumber('fitlab.regularizers', name, value, { min: 0 });
}

export function createRegularizers(tf: Tf): RegularizersModule {
  const make = (l1: number, l2: number): Regularizer => tf.regularizers.l1l2({ l1, l2 }) as unknown as Regularizer;
  return {
    l1: (a = 0.01) => make(strength('l1 strength', a), 0),
    l2: (a = 0.01) => make(0, strength('l2 strength', a)),
    l1l2: (strengths = {}) => make(strength('l1', strengths.l1 ?? 0), strength('l2', strengths.l2 ?? 0)),
  };
}

/** The recorded form of any tfjs regularizer (ours or tfjs's own), or null when there is none. */
export function summarizeRegularizer(regularizer: unknown): RegularizerSummary | null {
  if (regularizer == null || typeof (regularizer as { getConfig?: unknown }).getConfig !== 'function') return null;
  const config = (regularizer as { getConfig(): Record<string, unknown> }).getConfig();
  const l1 = typeof config.l1 === 'number' ? config.l1 : 0;
  const l2 = typeof config.l2 === 'number' ? config.l2 : 0;
  if (l1 === 0 && l2 === 0) return null;
  const kind = l1 !== 0 && l2 !== 0 ? 'l1l2' : l1 !== 0 ? 'l1' : 'l2';
  return { kind, l1, l2 };
}
