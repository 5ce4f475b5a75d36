/**
 * The cells waiting to run in one notebook, run one at a time in the order they were queued.
 *
 * Pure (no vscode): the controller wraps each vscode cell execution in a `QueuedCell`. Like VS
 * Code's own Jupyter extension, a cell that fails cancels every cell still waiting, so "Run All"
 * stops at the first error instead of running later cells against missing state.
 */

export interface QueuedCell {
  /** Runs the cell; resolves to whether it succeeded. */
  run(): Promise<boolean>;
  /** Called instead of `run` when the cell is dropped from the queue before it started. */
  cancel(): void;
}

export class ExecutionQueue {
  private readonly waiting: QueuedCell[] = [];
  private running: QueuedCell | undefined;
  private draining: Promise<void> | undefined;

  /** True while a cell runs or waits. */
  get busy(): boolean {
    return this.running !== undefined || this.waiting.length > 0;
  }

  /** Number of cells waiting (not counting the running one). */
  get pending(): number {
    return this.waiting.length;
  }

  /** Queues cells behind those already queued; resolves when the queue is empty again. */
  enqueue(cells: readonly QueuedCell[]): Promise<void> {
    this.waiting.push(...cells);
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
    return this.draining;
  }

  /** Drops every waiting cell (the running one is left to the kernel's interrupt). Returns how many. */
  cancelPending(): number {
    const dropped = this.waiting.splice(0);
    for (const cell of dropped) cell.cancel();
    return dropped.length;
  }

  private async drain(): Promise<void> {
    for (let cell = this.waiting.shift(); cell; cell = this.waiting.shift()) {
      this.running = cell;
      let ok = false;
      try {
        ok = await cell.run();
      } catch {
        ok = false;
      } finally {
        this.running = undefined;
      }
      if (!ok) this.cancelPending();
    }
  }
}
