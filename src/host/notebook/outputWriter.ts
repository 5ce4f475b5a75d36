/**
 * Applies ExecutionOutputs' operations to a vscode cell execution, strictly in order (each edit
 * is async; a later replace must not overtake the append that created its output).
 */
import * as vscode from 'vscode';
import type { OutputOp } from './executionOutputs';
import { toOutputItem } from './outputs';

export class OutputWriter {
  private readonly outputs = new Map<number, vscode.NotebookCellOutput>();
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly execution: vscode.NotebookCellExecution) {}

  apply(ops: readonly OutputOp[]): void {
    for (const op of ops) this.chain = this.chain.then(() => this.applyOne(op)).catch(() => undefined);
  }

  /** Resolves once every operation so far reached the editor. */
  flush(): Promise<void> {
    return this.chain;
  }

  private async applyOne(op: OutputOp): Promise<void> {
    const items = op.items.map(toOutputItem);
    if (op.op === 'append') {
      const output = new vscode.NotebookCellOutput(items, op.result ? { fitlabResult: true } : undefined);
      this.outputs.set(op.key, output);
      await this.execution.appendOutput(output);
      return;
    }
    const output = this.outputs.get(op.key);
    if (!output) return;
    if (op.op === 'appendItems') await this.execution.appendOutputItems(items, output);
    else await this.execution.replaceOutputItems(items, output);
  }
}
