/**
 * Keras 3's EarlyStopping (keras/src/callbacks/early_stopping.py), with `restoreBestWeights` that
 * really restores: the best epoch's weights are copied when it happens and put back at train end.
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import { requireNumber } from '../schedules/schedule';
import { FitlabCallback, type Logs } from './callback';
import { checkMode, checkPatience, isImprovement, isScoreLike, resolveDirection, warnMissing, worstValue, type Direction, type MonitorMode } from './monitor';

export interface EarlyStoppingOptions {
  /** Default 'val_loss'. */
  monitor?: string;
  /** Smallest absolute change that counts as improvement. Default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping. Default 0. */
  patience?: number;
  /** 'auto' = 'max' for accuracy/AUC/precision/recall monitors, else 'min'. */
  mode?: MonitorMode;
  /** Keep training while the monitor has not beaten this value. */
  baseline?: number;
  /** Put back the weights of the best epoch when training ends. Default false. */
  restoreBestWeights?: boolean;
  /** Epochs to wait before watching at all. Default 0. */
  startFromEpoch?: number;
  verbose?: number;
}

const WHERE = 'fitlab.callbacks.earlyStopping';

export class EarlyStopping extends FitlabCallback {
  readonly callbackName = 'earlyStopping';
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly mode: MonitorMode;
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  readonly verbose: number;
  wait = 0;
  best = Infinity;
  bestEpoch = 0;
  /** The epoch at which training was stopped, or 0 when it ran to the end (Keras's convention). */
  stoppedEpoch = 0;
  /** The epoch whose weights were put back at train end, if any. */
  restoredEpoch: number | undefined;
  private bestWeights: tfNamespace.Tensor[] | null = null;
  private direction: Direction = 'min';

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    this.monitor = options.monitor ?? 'val_loss';
    this.minDelta = Math.abs(requireNumber(WHERE, 'minDelta', options.minDelta ?? 0, {}));
    this.patience = checkPatience(WHERE, options.patience ?? 0);
    this.mode = checkMode(WHERE, options.mode ?? 'auto');
    this.baseline = options.baseline === undefined ? undefined : requireNumber(WHERE, 'baseline', options.baseline, {});
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.startFromEpoch = requireNumber(WHERE, 'startFromEpoch', options.startFromEpoch ?? 0, { min: 0, integer: true });
    this.verbose = options.verbose ?? 0;
  }

  override async onTrainBegin(): Promise<void> {
    this.direction = resolveDirection(this.mode, this.monitor, isScoreLike);
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = worstValue(this.direction);
    this.bestEpoch = 0;
    this.restoredEpoch = undefined;
    this.releaseBestWeights();
  }

  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    const current = logs?.[this.monitor];
    if (current === undefined || current === null) {
      warnMissing(WHERE, this.monitor, logs);
      return;
    }
    if (epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === null) {
      // If no epoch has improved yet, the current weights are the best so far (Keras's rule).
      this.keepWeights();
      this.bestEpoch = epoch;
    }
    this.wait += 1;
    if (isImprovement(this.direction, current, this.best, this.minDelta)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.keepWeights();
      // Only restart the wait if we beat both the baseline and the previous best.
      if (this.baseline === undefined || isImprovement(this.direction, current, this.baseline, this.minDelta)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.requireModel().stopTraining = true;
    }
  }

  override async onTrainEnd(): Promise<void> {
    if (this.stoppedEpoch > 0 && this.verbose > 0) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights !== null) {
      if (this.verbose > 0) console.log(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      this.requireModel().setWeights(this.bestWeights);
      this.restoredEpoch = this.bestEpoch;
    }
    this.releaseBestWeights();
  }

  /** Copies the weights: tfjs's getWeights() returns the live variables, not a snapshot. */
  private keepWeights(): void {
    const copies = this.requireModel().getWeights().map((w) => w.clone());
    this.releaseBestWeights();
    this.bestWeights = copies;
  }

  private releaseBestWeights(): void {
    for (const w of this.bestWeights ?? []) w.dispose();
    this.bestWeights = null;
  }
}
