/**
 * The training engine: `createFitlab(tf, host)` installs the fit recorder on `tf` (every
 * `LayersModel.fit` becomes a recorded run, trained through the fast batching path) and returns
 * the `fitlab` module cells import (`import * as fitlab from 'fitlab'`).
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import type { Run, RunDelta, RunStatus } from '../protocol/run';
import { baseline, type Baseline } from './baseline';
import { callbacks, type CallbacksModule } from './callbacks';
import { createData, type DataModule } from './data';
import { kfold, type KFoldOptions, type KFoldResult } from './kfold';
import { createMetrics, installWholeSetEvaluation, type MetricsModule } from './metrics';
import { seed } from './seed';
import { installFitRecorder } from './fitRecorder';
import { createOptimizers, type OptimizersModule } from './optimizers';
import { createRegularizers, type RegularizersModule } from './regularizers';
import { cosineDecay, exponentialDecay, piecewiseConstant } from './schedules';
import type { CosineDecayOptions, ExponentialDecayOptions, LearningRateSchedule, PiecewiseConstantOptions } from './schedules';

export type Tf = typeof tfNamespace;

/** Where the runs of the executing cell go (the kernel turns these into protocol events). */
export interface RunSink {
  started(run: Run): void;
  /** Throttled by the engine to a few per second, with a final flush before `ended`. */
  progress(delta: RunDelta, epoch: number, epochs: number): void;
  ended(event: { runId: string; status: RunStatus; endedAt: string; stopReason?: string; restoredEpoch?: number }): void;
}

/** What the engine needs from the kernel it runs in. */
export interface TrainingHost {
  /** The sink of the executing cell, or null to record nothing. */
  sink(): RunSink | null;
  /**
   * The executing cell; `code` lets the engine find the line of the `fit(` call. `executionId`
   * (optional) tells executions apart, so the k-th fit of an execution maps to the k-th `fit(` of
   * the cell even when the same cell runs again.
   */
  context(): { cellIndex: number; notebook: string; code: string; executionId?: string } | null;
  /** True after the user asked to stop: fits stop at the next batch with status 'interrupted'. */
  interrupted(): boolean;
  recordBatches: boolean;
}

export type { LearningRateSchedule } from './schedules';
export { TrainingDivergedError, plainFit } from './fitRecorder';
export type { CallbacksModule } from './callbacks';
export type { OptimizersModule } from './optimizers';
export type { RegularizersModule } from './regularizers';
export type { DataModule } from './data';
export type { MetricsModule, AucOptions, ThresholdOptions, MetricFn } from './metrics';
export type { Baseline, ClassificationBaseline, RegressionBaseline } from './baseline';
export type { KFoldOptions, KFoldResult, FoldResult, FoldData } from './kfold';
export type { EarlyStopping, ReduceLROnPlateau, LearningRateScheduler, FitlabCallback } from './callbacks';

/** Learning-rate schedules: plain functions of the optimizer step (batch count), as Keras's. */
export interface SchedulesModule {
  /** `initial * decayRate ^ (step / decaySteps)`; `staircase` floors the exponent. */
  exponentialDecay(options: ExponentialDecayOptions): LearningRateSchedule;
  /** `values[i]` while `step <= boundaries[i]`, the last value after the last boundary. */
  piecewiseConstant(options: PiecewiseConstantOptions): LearningRateSchedule;
  /** Half-cosine from the initial rate down to `alpha * initial` over `decaySteps`. */
  cosineDecay(options: CosineDecayOptions): LearningRateSchedule;
}

/** The `fitlab` module of notebook cells. */
export interface FitlabModule {
  /** Keras-style weight penalties (`kernelRegularizer: fitlab.regularizers.l2(0.001)`). */
  regularizers: RegularizersModule;
  /** Keras's callbacks: reduceLROnPlateau, learningRateScheduler, earlyStopping. */
  callbacks: CallbacksModule;
  /** Learning-rate schedules of the optimizer step, for `fitlab.optimizers.*({learningRate: schedule})`. */
  schedules: SchedulesModule;
  /** Optimizers that accept a schedule, and a learning-rate get/set that works on every tfjs optimizer. */
  optimizers: OptimizersModule;
  /** Hold-out split, scaling fitted on training data, multi-hot/one-hot encoding, CSV reading. */
  data: DataModule;
  /** ROC/PR AUC, precision and recall for `model.compile({metrics: [...]})`, accumulated over the epoch as Keras's are. */
  metrics: MetricsModule;
  /**
   * K-fold (and, with `repeats`, iterated K-fold with reshuffling) cross-validation: each fold's
   * history, the mean and spread of the validation score, and the mean curve per epoch.
   */
  kfold(options: KFoldOptions): Promise<KFoldResult>;
  /** The score of the majority class (classification) or of predicting the mean (regression) on yVal. */
  baseline(yTrain: tfNamespace.Tensor | number[] | number[][], yVal: tfNamespace.Tensor | number[] | number[][]): Baseline;
  /**
   * Makes weight initialisation, fit's shuffling and dropout reproducible on a backend, by seeding
   * the kernel's Math.random (which tfjs draws all three from). `seed(null)` unseeds.
   */
  seed(n: number | null): void;
}

/** Installs the fit recorder on `tf` (every LayersModel.fit becomes a run) and returns the `fitlab` module. */
export function createFitlab(tf: Tf, host: TrainingHost): FitlabModule {
  installFitRecorder(tf, host);
  installWholeSetEvaluation(tf);
  return {
    regularizers: createRegularizers(tf),
    callbacks,
    schedules: { exponentialDecay, piecewiseConstant, cosineDecay },
    optimizers: createOptimizers(tf),
    data: createData(tf, () => host.context()?.notebook),
    metrics: createMetrics(tf),
    kfold: (options) => kfold(tf, options),
    baseline: (yTrain, yVal) => baseline(tf, yTrain, yVal),
    seed,
  };
}
