/** Keeps one run up to date as the fit proceeds and streams it to the sink (throttled). */
import type { Run, RunStatus } from '../../protocol/run';
import type { RunSink } from '../index';
import { DeltaThrottle } from './throttle';

export class RunRecorder {
  private readonly throttle: DeltaThrottle;
  /** The epoch of the latest recorded row (progress events report it). */
  private lastEpoch = 0;
  private announced = false;

  constructor(readonly run: Run, private readonly sink: RunSink | null, private readonly recordBatches: boolean) {
    this.throttle = new DeltaThrottle(run.id, (delta) => this.sink?.progress(delta, this.lastEpoch, run.params.epochs));
  }

  /** Announces the run (once; anything recorded before announces it first, so `started` always comes first). */
  start(): void {
    if (this.announced) return;
    this.announced = true;
    this.sink?.started(structuredClone(this.run));
  }

  /** One epoch's logs (numbers; NaN and infinities become null). */
  epoch(epoch: number, logs: Record<string, number>): void {
    this.start();
    const row: Record<string, number | null> = {};
    for (const [key, value] of Object.entries(logs)) {
      if (key === 'batch' || key === 'size' || typeof value !== 'number') continue;
      row[key] = Number.isFinite(value) ? value : null;
    }
    const history = this.run.history;
    const rowsBefore = this.run.epochs.length;
    this.run.epochs.push(epoch);
    for (const key of new Set([...Object.keys(history), ...Object.keys(row)])) {
      const column = history[key] ?? (history[key] = new Array<number | null>(rowsBefore).fill(null));
      column.push(row[key] ?? null);
    }
    this.lastEpoch = epoch;
    this.throttle.addEpoch(epoch, row, Object.keys(history));
  }

  batch(epoch: number, loss: number, lr: number): void {
    this.start();
    if (!this.recordBatches) return;
    const value = Number.isFinite(loss) ? loss : null;
    this.lastEpoch = epoch;
    this.run.batches.epoch.push(epoch);
    this.run.batches.loss.push(value);
    this.run.batches.lr.push(lr);
    this.throttle.addBatch(epoch, value, lr);
  }

  end(status: RunStatus, stopReason?: string, restoredEpoch?: number): void {
    this.start();
    this.throttle.flush();
    const endedAt = new Date().toISOString();
    Object.assign(this.run, { status, endedAt });
    if (stopReason !== undefined) this.run.stopReason = stopReason;
    if (restoredEpoch !== undefined) this.run.restoredEpoch = restoredEpoch;
    this.sink?.ended({ runId: this.run.id, status, endedAt, stopReason, restoredEpoch });
  }
}
