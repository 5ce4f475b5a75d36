/**
 * Metrics that keep state across batches, as Keras's do. tfjs calls a metric function per batch and
 * averages the values over the epoch, which is right for accuracy but not for AUC, precision or
 * recall (the average of per-batch AUCs is not the AUC of the epoch, and a batch holding one class
 * scores 0). So a Fitlab metric is a *template*: compiled into a model, each metric slot gets its
 * own accumulator (metricSlots.ts), which sums confusion counts over the epoch for training and over
 * the whole set for validation and `evaluate`, and reports the running value per batch as Keras's
 * progress bar does. Called directly on two tensors, a template scores just those tensors.
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import { addInto, batchConfusion, emptyConfusion, isEmpty, type Confusion } from './confusion';

type Tf = typeof tfNamespace;
type Tensor = tfNamespace.Tensor;
export type MetricFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

/** What a metric computes: its log name, its thresholds, and its value from confusion counts. */
export interface MetricSpec {
  readonly name: string;
  readonly thresholds: Float32Array;
  result(c: Confusion): number;
}

/**
 * Training counts and evaluation counts are kept apart: tfjs validates inside an epoch (after the
 * last training batch), and Keras keeps validation's metric state apart from training's.
 */
export type MetricPhase = 'train' | 'evaluation';

export class MetricAccumulator {
  phase: MetricPhase = 'train';
  private train: Confusion;
  private evaluation: Confusion;

  constructor(
    private readonly tf: Tf,
    readonly spec: MetricSpec,
  ) {
    this.train = emptyConfusion(spec.thresholds.length);
    this.evaluation = emptyConfusion(spec.thresholds.length);
  }

  /** Adds one batch to the counts of the current phase and returns the running value. */
  update(yTrue: Tensor, yPred: Tensor): Tensor {
    const counts = this.phase === 'train' ? this.train : this.evaluation;
    addInto(counts, batchConfusion(this.tf, yTrue, yPred, this.spec.thresholds));
    return this.tf.scalar(this.spec.result(counts));
  }

  resetTrain(): void {
    this.train = emptyConfusion(this.spec.thresholds.length);
  }

  resetEvaluation(): void {
    this.evaluation = emptyConfusion(this.spec.thresholds.length);
  }

  trainResult(): number {
    return this.spec.result(this.train);
  }

  /** The value over everything evaluated since the last reset, or null when nothing was. */
  evaluationResult(): number | null {
    return isEmpty(this.evaluation) ? null : this.spec.result(this.evaluation);
  }
}

const templates = new WeakMap<object, MetricSpec>();
const accumulators = new WeakMap<object, MetricAccumulator>();

/** The metric function users pass to `compile`; on its own it scores one pair of tensors. */
export function metricTemplate(tf: Tf, spec: MetricSpec): MetricFn {
  const oneShot = (yTrue: Tensor, yPred: Tensor): Tensor => tf.scalar(spec.result(batchConfusion(tf, yTrue, yPred, spec.thresholds)));
  // tfjs names the logs after the function ("auc", "val_auc").
  Object.defineProperty(oneShot, 'name', { value: spec.name });
  templates.set(oneShot, spec);
  return oneShot;
}

/** A fresh accumulating metric function for one slot of one compiled model. */
export function accumulatingMetric(tf: Tf, spec: MetricSpec): { fn: MetricFn; accumulator: MetricAccumulator } {
  const accumulator = new MetricAccumulator(tf, spec);
  const fn = (yTrue: Tensor, yPred: Tensor): Tensor => accumulator.update(yTrue, yPred);
  Object.defineProperty(fn, 'name', { value: spec.name });
  accumulators.set(fn, accumulator);
  return { fn, accumulator };
}

export function templateSpec(fn: unknown): MetricSpec | undefined {
  return typeof fn === 'function' ? templates.get(fn) : undefined;
}

export function accumulatorOf(fn: unknown): MetricAccumulator | undefined {
  return typeof fn === 'function' ? accumulators.get(fn) : undefined;
}
