/** Keras's LearningRateScheduler: at each epoch begin the rate becomes `schedule(epoch, lr)`. */
import { getLearningRate, scheduleOf, setLearningRate } from '../optimizers';
import { FitlabCallback, type Logs } from './callback';

const WHERE = 'fitlab.callbacks.learningRateScheduler';

export class LearningRateScheduler extends FitlabCallback {
  readonly callbackName = 'learningRateScheduler';
  override readonly changesLearningRate = true;

  constructor(readonly schedule: (epoch: number, lr: number) => number, readonly verbose = 0) {
    super();
    if (typeof schedule !== 'function') throw new TypeError(`${WHERE}: expects a function (epoch, lr) => newLr, got ${typeof schedule}`);
  }

  override async onTrainBegin(): Promise<void> {
    if (scheduleOf(this.requireModel().optimizer)) {
      throw new Error(`${WHERE}: this optimizer was created with a learning-rate schedule, so its rate cannot also be set per epoch. Use one or the other.`);
    }
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    const model = this.requireModel();
    const lr = this.schedule(epoch, getLearningRate(model.optimizer));
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      throw new TypeError(`${WHERE}: the schedule returned ${String(lr)} for epoch ${epoch}; it must return a finite number >= 0`);
    }
    setLearningRate(model.optimizer, lr);
    if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${lr}.`);
  }

  override async onEpochEnd(_epoch: number, logs?: Logs): Promise<void> {
    if (logs && logs.lr === undefined) logs.lr = getLearningRate(this.requireModel().optimizer);
  }
}
