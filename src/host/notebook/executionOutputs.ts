/**
 * What one cell execution does to the cell's outputs, as a list of operations. Pure (no vscode):
 * the controller applies the operations to a vscode NotebookCellExecution, the tests read them.
 *
 * - console writes of the same stream coalesce into one output, live, like a terminal;
 * - a fit gets a run output (drawn by Fitlab's renderer) and a progress line below it, both
 *   replaced in place as epochs arrive and once more when the fit ends;
 * - displays, the cell's result and its error each get an output of their own.
 */
import { ERROR_MIME, RUN_MIME, type DisplayItem } from '../../protocol/display';
import type { JsonValue } from '../../protocol/json';
import type { SerializedError } from '../../protocol/json';
import type { RunOutput } from '../../protocol/webview';
import { STDERR_MIME, STDOUT_MIME } from '../../notebook-format/types';

/** `key` names an output of this execution: 'append' creates it, the others change it. */
export type OutputOp =
  | { op: 'append'; key: number; items: DisplayItem[]; result?: true }
  | { op: 'appendItems'; key: number; items: DisplayItem[] }
  | { op: 'replace'; key: number; items: DisplayItem[] };

export const PROGRESS_MIME = 'text/plain';

interface RunOutputs {
  chart: number;
  progress: number;
}

export interface ExecutionOutputsOptions {
  /**
   * A static picture of a finished run, added to its output beside the Fitlab item: Jupyter and
   * GitHub draw it where Fitlab's renderer is not installed (used for .ipynb notebooks).
   */
  staticImage?: (output: RunOutput) => DisplayItem;
}

export class ExecutionOutputs {
  constructor(private readonly options: ExecutionOutputsOptions = {}) {}

  private nextKey = 0;
  /** The stream output that further writes of the same stream extend, while it is the last output. */
  private openStream: { key: number; name: 'stdout' | 'stderr' } | undefined;
  private readonly runs = new Map<string, RunOutputs>();

  /** A text line of its own, e.g. the kernel banner. */
  note(text: string): OutputOp[] {
    return [this.append([{ mime: 'text/plain', value: text }])];
  }

  stream(name: 'stdout' | 'stderr', text: string): OutputOp[] {
    const item: DisplayItem = { mime: name === 'stdout' ? STDOUT_MIME : STDERR_MIME, value: text };
    if (this.openStream?.name === name) return [{ op: 'appendItems', key: this.openStream.key, items: [item] }];
    const op = this.append([item]);
    this.openStream = { key: op.key, name };
    return [op];
  }

  display(item: DisplayItem): OutputOp[] {
    return [this.append([item])];
  }

  /** The cell's value: alternative representations of one value, so one output. */
  result(items: DisplayItem[]): OutputOp[] {
    return items.length > 0 ? [{ ...this.append(items), result: true }] : [];
  }

  error(error: SerializedError): OutputOp[] {
    const value: JsonValue = { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
    return [this.append([{ mime: ERROR_MIME, value }])];
  }

  runStarted(output: RunOutput, line: string): OutputOp[] {
    const chart = this.append([runItem(output)]);
    const progress = this.append([{ mime: PROGRESS_MIME, value: line }]);
    this.runs.set(output.run.id, { chart: chart.key, progress: progress.key });
    return [chart, progress];
  }

  /** New epochs, or the end of the fit: both outputs of the run are replaced in place. */
  runUpdated(output: RunOutput, line: string): OutputOp[] {
    const outputs = this.runs.get(output.run.id);
    if (!outputs) return this.runStarted(output, line);
    return [
      { op: 'replace', key: outputs.chart, items: [runItem(output)] },
      { op: 'replace', key: outputs.progress, items: [{ mime: PROGRESS_MIME, value: line }] },
    ];
  }

  /** The fit ended: like an update, plus the static image when this notebook wants one. */
  runEnded(output: RunOutput, line: string): OutputOp[] {
    const ops = this.runUpdated(output, line);
    const image = this.options.staticImage?.(output);
    const chart = ops[0];
    return image && chart ? [{ ...chart, items: [...chart.items, image] }, ...ops.slice(1)] : ops;
  }

  private append(items: DisplayItem[]): { op: 'append'; key: number; items: DisplayItem[] } {
    this.openStream = undefined;
    return { op: 'append', key: this.nextKey++, items };
  }
}

/**
 * The cell's copy of a run: a deep copy (the store keeps mutating its run while VS Code serializes
 * this one) without the per-batch columns, which can be thousands of numbers re-sent on every
 * update; the full run, batches included, is kept once in the notebook's metadata.
 */
function runItem(output: RunOutput): DisplayItem {
  const run = { ...output.run, batches: { epoch: [], loss: [], lr: [] } };
  return { mime: RUN_MIME, value: JSON.parse(JSON.stringify({ run, findings: output.findings })) as JsonValue };
}
