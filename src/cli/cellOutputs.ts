/**
 * The outputs one cell execution produces, assembled from kernel events in the order they came:
 * console streams (consecutive writes to the same stream merged, as Jupyter does), displays, one
 * run output per fit (placed where the fit started, filled with the finished run and its findings),
 * the last expression's value, or the error. Run outputs leave out per-batch records, which the
 * notebook keeps once in its runs.
 */
import { ERROR_MIME, RUN_MIME, type DisplayItem } from '../protocol/display';
import type { JsonValue } from '../protocol/json';
import type { CellError } from '../protocol/kernel';
import type { RunOutput } from '../protocol/webview';
import { STDERR_MIME, STDOUT_MIME, type CellOutput } from '../notebook-format/types';

export class CellOutputs {
  private readonly outputs: CellOutput[] = [];
  private readonly runSlots = new Map<CellOutput, string>();

  stream(name: 'stdout' | 'stderr', text: string): void {
    const mime = name === 'stdout' ? STDOUT_MIME : STDERR_MIME;
    const last = this.outputs[this.outputs.length - 1];
    const item = last?.items.length === 1 && !this.runSlots.has(last) ? last.items[0] : undefined;
    if (item?.mime === mime && typeof item.value === 'string') item.value += text;
    else this.outputs.push({ items: [{ mime, value: text }] });
  }

  display(item: DisplayItem): void {
    this.outputs.push({ items: [item] });
  }

  runStarted(runId: string): void {
    const slot: CellOutput = { items: [] };
    this.runSlots.set(slot, runId);
    this.outputs.push(slot);
  }

  result(items: DisplayItem[]): void {
    if (items.length > 0) this.outputs.push({ items, result: true });
  }

  error(error: CellError): void {
    const value: { [key: string]: JsonValue } = { name: error.name, message: error.message };
    if (error.stack !== undefined) value.stack = error.stack;
    this.outputs.push({ items: [{ mime: ERROR_MIME, value }] });
  }

  /**
   * The outputs, each run output holding a snapshot of its run as it is now. `alternatives`, when
   * given, adds items to run outputs for viewers without Fitlab's renderer (Jupyter, GitHub).
   */
  finish(lookup: (runId: string) => RunOutput | undefined, alternatives?: (output: RunOutput) => DisplayItem[]): CellOutput[] {
    return this.outputs.flatMap((output) => {
      const runId = this.runSlots.get(output);
      if (runId === undefined) return [output];
      const found = lookup(runId);
      if (!found) return [];
      // As in the editor: the per-batch columns (thousands of numbers) are kept once, in the
      // notebook's runs; the cell's copy carries the per-epoch history.
      const run = { ...structuredClone(found.run), batches: { epoch: [], loss: [], lr: [] } };
      const value: RunOutput = { run, findings: found.findings };
      return [{ items: [{ mime: RUN_MIME, value: value as unknown as JsonValue }, ...(alternatives?.(value) ?? [])] }];
    });
  }
}
