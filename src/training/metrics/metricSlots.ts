/**
 * Gives every Fitlab metric compiled into a model its own accumulator, and drives the accumulators
 * the way Keras drives its metric state: training counts reset at each epoch's start and reported at
 * its end; every evaluation (fit's validation, `evaluate`, `evaluateDataset`) scored over the whole
 * set it was given, with its own counts.
 *
 * tfjs keeps a compiled model's metric functions in `metricsTensors` (pairs of function and output
 * index) and reads them at every call of its train and test functions, with the log names in
 * `metricsNames`: replacing a template there by an accumulating function takes effect at once.
 * All of tfjs's evaluations go through `testLoop` (fit's validation, `evaluate`, and so fitDataset's
 * validation) or `evaluateDataset`, so wrapping those two covers them.
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import type { Logs } from '../callbacks/callback';
import { accumulatingMetric, accumulatorOf, templateSpec, type MetricAccumulator } from './statefulMetric';

type Tf = typeof tfNamespace;
type Scalar = tfNamespace.Scalar;

/** The parts of a compiled tfjs LayersModel this module reads (not in tfjs's public typings). */
interface CompiledModel {
  metricsTensors?: Array<[unknown, number]>;
  metricsNames?: string[];
}

export interface BoundMetric {
  /** The key of the metric in the logs ("auc"; "out_auc" for an output of a multi-output model). */
  logName: string;
  /** Its position among the model's metric functions (an evaluation's results end with them, in order). */
  slot: number;
  accumulator: MetricAccumulator;
}

/** The stateful metrics of a compiled model, binding a fresh accumulator to each template first. */
export function bindStatefulMetrics(tf: Tf, model: tfNamespace.LayersModel): BoundMetric[] {
  const { metricsTensors: slots, metricsNames: names } = model as unknown as CompiledModel;
  if (!Array.isArray(slots) || !Array.isArray(names)) return [];
  const offset = names.length - slots.length;
  const bound: BoundMetric[] = [];
  slots.forEach((entry, slot) => {
    let accumulator = accumulatorOf(entry[0]);
    if (!accumulator) {
      const spec = templateSpec(entry[0]);
      if (!spec) return;
      const made = accumulatingMetric(tf, spec);
      entry[0] = made.fn;
      accumulator = made.accumulator;
    }
    bound.push({ logName: names[offset + slot], slot, accumulator });
  });
  return bound;
}

/** The fit's side, called from the recorder's first callback (after tfjs's batch averaging). */
export class FitMetrics {
  constructor(private readonly bound: BoundMetric[]) {}

  epochBegin(): void {
    for (const { accumulator } of this.bound) accumulator.resetTrain();
  }

  /** Replaces tfjs's average of the running values by the value over the epoch's batches. */
  epochEnd(logs: Logs): void {
    for (const { logName, accumulator } of this.bound) {
      if (logName in logs) logs[logName] = accumulator.trainResult();
    }
  }
}

/** Starts an evaluation with fresh evaluation counts; returns what puts the previous phases back. */
function beginEvaluation(bound: BoundMetric[]): () => void {
  const previous = bound.map(({ accumulator }) => accumulator.phase);
  for (const { accumulator } of bound) {
    accumulator.phase = 'evaluation';
    accumulator.resetEvaluation();
  }
  return () => bound.forEach(({ accumulator }, i) => (accumulator.phase = previous[i]));
}

/** Puts each metric's whole-set value in place of tfjs's batch average in an evaluation's results. */
function wholeSetResults<R extends Scalar | Scalar[]>(tf: Tf, model: tfNamespace.LayersModel, bound: BoundMetric[], result: R): R {
  if (!Array.isArray(result)) return result;
  const slots = (model as unknown as CompiledModel).metricsTensors?.length ?? 0;
  for (const { slot, accumulator } of bound) {
    const index = result.length - slots + slot;
    const value = accumulator.evaluationResult();
    if (index < 0 || index >= result.length || value === null) continue;
    result[index].dispose();
    result[index] = tf.scalar(value);
  }
  return result;
}

const ORIGINALS = Symbol.for('fitlab.originalEvaluation');
type TestLoop = (this: tfNamespace.LayersModel, ...args: unknown[]) => Scalar[];
type EvaluateDataset = tfNamespace.LayersModel['evaluateDataset'];
type PatchedPrototype = { testLoop: TestLoop; evaluateDataset: EvaluateDataset; [ORIGINALS]?: { testLoop: TestLoop; evaluateDataset: EvaluateDataset } };

/** Makes every evaluation of a model report its stateful metrics over the whole set (Sequential delegates here). */
export function installWholeSetEvaluation(tf: Tf): void {
  const proto = tf.LayersModel.prototype as unknown as PatchedPrototype;
  if (proto[ORIGINALS]) return;
  const original = { testLoop: proto.testLoop, evaluateDataset: proto.evaluateDataset };
  proto[ORIGINALS] = original;
  proto.testLoop = function testLoopWholeSet(this: tfNamespace.LayersModel, ...args: unknown[]) {
    const bound = bindStatefulMetrics(tf, this);
    const restore = beginEvaluation(bound);
    try {
      return wholeSetResults(tf, this, bound, original.testLoop.apply(this, args));
    } finally {
      restore();
    }
  };
  proto.evaluateDataset = async function evaluateDatasetWholeSet(this: tfNamespace.LayersModel, dataset, args) {
    const bound = bindStatefulMetrics(tf, this);
    const restore = beginEvaluation(bound);
    try {
      return wholeSetResults(tf, this, bound, await original.evaluateDataset.call(this, dataset, args));
    } finally {
      restore();
    }
  };
}
