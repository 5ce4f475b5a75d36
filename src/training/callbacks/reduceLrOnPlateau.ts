/**
 * Keras's ReduceLROnPlateau, step for step (keras/src/callbacks/reduce_lr_on_plateau.py): state is
 * reset at every fit; at each epoch end the cooldown counts down, an improvement resets `wait`,
 * otherwise (outside cooldown) `wait` grows and at `patience` the rate becomes
 * `max(lr * factor, minLr)` if it is still above `minLr`.
 */
import { getLearningRate, scheduleOf, setLearningRate } from '../optimizers';
import { requireNumber } from '../schedules/schedule';
import { FitlabCallback, type Logs } from './callback';
import { checkMode, checkPatience, containsAcc, isImprovement, resolveDirection, warnMissing, worstValue, type Direction, type MonitorMode } from './monitor';

export interface ReduceLROnPlateauOptions {
  /** Default 'val_loss'. */
  monitor?: string;
  /** New rate = rate * factor; must be in [0, 1). Default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing. Default 10. */
  patience?: number;
  /** Smallest absolute change that counts as improvement. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** Lower bound on the rate. Default 0. */
  minLr?: number;
  /** 'auto' = 'max' when the monitor name contains "acc", else 'min'. */
  mode?: MonitorMode;
  /** 1 prints a line at each reduction. */
  verbose?: number;
}

const WHERE = 'fitlab.callbacks.reduceLROnPlateau';

export class ReduceLROnPlateau extends FitlabCallback {
  readonly callbackName = 'reduceLROnPlateau';
  override readonly changesLearningRate = true;
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  readonly mode: MonitorMode;
  readonly verbose: number;
  best = Infinity;
  wait = 0;
  cooldownCounter = 0;
  private direction: Direction = 'min';

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    this.monitor = options.monitor ?? 'val_loss';
    const factor = options.factor ?? 0.1;
    if (typeof factor === 'number' && factor >= 1) {
      throw new RangeError(`${WHERE}: factor must be in [0, 1) (the rate is multiplied by it); got ${factor}. ReduceLROnPlateau does not support a factor >= 1.`);
    }
    this.factor = requireNumber(WHERE, 'factor', factor, { min: 0, max: 1, maxExclusive: true });
    this.patience = checkPatience(WHERE, options.patience ?? 10);
    this.minDelta = requireNumber(WHERE, 'minDelta', options.minDelta ?? 1e-4, { min: 0 });
    this.cooldown = requireNumber(WHERE, 'cooldown', options.cooldown ?? 0, { min: 0, integer: true });
    this.minLr = requireNumber(WHERE, 'minLr', options.minLr ?? 0, { min: 0 });
    this.mode = checkMode(WHERE, options.mode ?? 'auto');
    this.verbose = options.verbose ?? 0;
    this.reset();
  }

  /** Keras's `_reset`: called at the start of every fit. */
  reset(): void {
    this.direction = resolveDirection(this.mode, this.monitor, containsAcc);
    this.best = worstValue(this.direction);
    this.wait = 0;
    this.cooldownCounter = 0;
  }

  override async onTrainBegin(): Promise<void> {
    const model = this.requireModel();
    if (scheduleOf(model.optimizer)) {
      throw new Error(`${WHERE}: this optimizer was created with a learning-rate schedule, so its rate is set by the schedule at every step and cannot also be reduced on plateau. Use a constant learningRate with ReduceLROnPlateau, or drop the callback.`);
    }
    this.reset();
  }

  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    const model = this.requireModel();
    const lr = getLearningRate(model.optimizer);
    if (logs && logs.lr === undefined) logs.lr = lr;
    const current = logs?.[this.monitor];
    if (current === undefined || current === null) {
      warnMissing(WHERE, this.monitor, logs);
      return;
    }
    if (this.inCooldown()) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (isImprovement(this.direction, current, this.best, this.minDelta)) {
      this.best = current;
      this.wait = 0;
    } else if (!this.inCooldown()) {
      this.wait += 1;
      if (this.wait >= this.patience && lr > this.minLr) {
        const newLr = Math.max(lr * this.factor, this.minLr);
        setLearningRate(model.optimizer, newLr);
        if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${newLr}.`);
        this.cooldownCounter = this.cooldown;
        this.wait = 0;
      }
    }
  }

  inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }
}
