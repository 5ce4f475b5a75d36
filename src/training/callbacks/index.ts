import { EarlyStopping, type EarlyStoppingOptions } from './earlyStopping';
import { LearningRateScheduler } from './learningRateScheduler';
import { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduceLrOnPlateau';

export { FitlabCallback, type CallbackModel, type Logs } from './callback';
export { EarlyStopping, LearningRateScheduler, ReduceLROnPlateau, type EarlyStoppingOptions, type ReduceLROnPlateauOptions };

/** Keras's training callbacks, usable in `model.fit({callbacks: [...]})`. */
export interface CallbacksModule {
  /** Lowers the rate when the monitored value stops improving (Keras defaults and semantics). */
  reduceLROnPlateau(options?: ReduceLROnPlateauOptions): ReduceLROnPlateau;
  /** Sets the rate at each epoch begin to `schedule(epoch, lr)`. */
  learningRateScheduler(schedule: (epoch: number, lr: number) => number, options?: { verbose?: number }): LearningRateScheduler;
  /** Stops when the monitored value stops improving; `restoreBestWeights: true` puts back the best epoch's weights. */
  earlyStopping(options?: EarlyStoppingOptions): EarlyStopping;
}

export const callbacks: CallbacksModule = {
  reduceLROnPlateau: (options) => new ReduceLROnPlateau(options),
  learningRateScheduler: (schedule, options) => new LearningRateScheduler(schedule, options?.verbose ?? 0),
  earlyStopping: (options) => new EarlyStopping(options),
};
