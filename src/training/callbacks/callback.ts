/**
 * The tfjs callback interface (`setModel`, `onTrainBegin`, `onEpochEnd(epoch, logs)`, ...) as a plain
 * class that does not depend on a particular tfjs instance, so Fitlab's callbacks can be driven
 * directly with synthetic logs in tests, and the fit recorder adapts them to whichever `tf` the
 * kernel loaded.
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import type { Optimizer } from '../optimizers';

/** Numeric logs as tfjs passes them to callbacks once scalars are resolved. */
export type Logs = Record<string, number>;

/** The part of a LayersModel callbacks touch (a fake with these members drives them in tests). */
export interface CallbackModel {
  optimizer: Optimizer;
  stopTraining: boolean;
  getWeights(): tfNamespace.Tensor[];
  setWeights(weights: tfNamespace.Tensor[]): void;
}

export abstract class FitlabCallback {
  /** Name recorded in the run's learning-rate setup when the callback changes the rate. */
  abstract readonly callbackName: string;
  /** True for callbacks that change the learning rate during the fit. */
  readonly changesLearningRate: boolean = false;
  model: CallbackModel | null = null;
  params: Record<string, unknown> = {};

  setModel(model: CallbackModel): void {
    this.model = model;
  }
  setParams(params: Record<string, unknown>): void {
    this.params = params;
  }
  async onTrainBegin(_logs?: Logs): Promise<void> {}
  async onTrainEnd(_logs?: Logs): Promise<void> {}
  async onEpochBegin(_epoch: number, _logs?: Logs): Promise<void> {}
  async onEpochEnd(_epoch: number, _logs?: Logs): Promise<void> {}
  async onBatchBegin(_batch: number, _logs?: Logs): Promise<void> {}
  async onBatchEnd(_batch: number, _logs?: Logs): Promise<void> {}

  protected requireModel(): CallbackModel {
    if (!this.model) throw new Error(`fitlab.callbacks.${this.callbackName}: no model set (pass the callback to model.fit, or call setModel first)`);
    return this.model;
  }
}
