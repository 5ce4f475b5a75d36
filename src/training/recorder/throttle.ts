/**
 * Collects a run's new rows and hands them out at most every `intervalMs`, so a fast model never
 * sends one message per batch; `flush()` hands out whatever is left (called before the run ends).
 */
import type { EpochHistory, RunDelta } from '../../protocol/run';

export class DeltaThrottle {
  private pending: RunDelta;
  private lastSent = -Infinity;

  constructor(private readonly runId: string, private readonly send: (delta: RunDelta) => void, private readonly intervalMs = 250, private readonly now: () => number = Date.now) {
    this.pending = this.empty();
  }

  addEpoch(epoch: number, row: Record<string, number | null>, knownKeys: string[]): void {
    const history: EpochHistory = this.pending.history;
    const rowsBefore = this.pending.epochs.length;
    this.pending.epochs.push(epoch);
    for (const key of new Set([...knownKeys, ...Object.keys(history), ...Object.keys(row)])) {
      const column = history[key] ?? (history[key] = new Array<number | null>(rowsBefore).fill(null));
      column.push(row[key] ?? null);
    }
    this.maybeSend();
  }

  addBatch(epoch: number, loss: number | null, lr: number): void {
    this.pending.batches.epoch.push(epoch);
    this.pending.batches.loss.push(loss);
    this.pending.batches.lr.push(lr);
    this.maybeSend();
  }

  flush(): void {
    if (this.pending.epochs.length === 0 && this.pending.batches.epoch.length === 0) return;
    const delta = this.pending;
    this.pending = this.empty();
    this.lastSent = this.now();
    this.send(delta);
  }

  private maybeSend(): void {
    if (this.now() - this.lastSent >= this.intervalMs) this.flush();
  }

  private empty(): RunDelta {
    return { runId: this.runId, epochs: [], history: {}, batches: { epoch: [], loss: [], lr: [] } };
  }
}
