/**
 * How values look in a cell's output: text/plain for everything, readable for the tfjs objects
 * people print most (a tensor's dtype, shape and values; a model's Keras-style summary table; a
 * fit's History), and always bounded so printing a huge array cannot flood the notebook.
 * Objects are recognised by shape (duck typing), so this file needs no tfjs and is unit-tested alone.
 */
import { inspect } from 'node:util';
import type { DisplayItem } from '../protocol/display';

/** Outputs longer than this are cut, with a note saying how much was left out. */
export const MAX_OUTPUT_CHARS = 100_000;

interface TensorLike {
  dtype: string;
  shape: number[];
  isDisposed: boolean;
  toString(verbose?: boolean): string;
}

interface ModelLike {
  name: string;
  layers: unknown[];
  summary(lineLength?: number, positions?: number[], printFn?: (message: string) => void): void;
}

interface HistoryLike {
  epoch: number[];
  history: Record<string, unknown[]>;
}

export function isTensor(value: unknown): value is TensorLike {
  const v = value as Partial<TensorLike> & { dataSync?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.dtype === 'string' && Array.isArray(v.shape) && typeof v.dataSync === 'function';
}

export function isModel(value: unknown): value is ModelLike {
  const v = value as Partial<ModelLike> | null;
  return typeof v === 'object' && v !== null && typeof v.summary === 'function' && Array.isArray(v.layers);
}

export function isHistory(value: unknown): value is HistoryLike {
  const v = value as Partial<HistoryLike> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.epoch) && typeof v.history === 'object' && v.history !== null;
}

/** True for `{ mime: 'type/subtype', value }`: a ready-made output passed to `display()` as is. */
export function isDisplayItem(value: unknown): value is DisplayItem {
  const v = value as Partial<DisplayItem> | null;
  return typeof v === 'object' && v !== null && typeof v.mime === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(v.mime) && 'value' in v && Object.keys(v).length === 2 && isJson(v.value);
}

/** Only plain JSON crosses to the host (a BigInt or a cycle would break the IPC message). */
function isJson(value: unknown): boolean {
  try {
    return JSON.stringify(value) !== undefined;
  } catch {
    return false;
  }
}

/** The outputs for a cell's value or a `display(value)` call; nothing for undefined. */
export function formatValue(value: unknown): DisplayItem[] {
  if (value === undefined) return [];
  if (isDisplayItem(value)) return [value];
  return [{ mime: 'text/plain', value: bounded(formatText(value)) }];
}

/** The text of any value (what console.log of a tensor or model prints too). */
export function formatText(value: unknown): string {
  if (isTensor(value)) return formatTensor(value);
  if (isModel(value)) return formatModel(value);
  if (isHistory(value)) return formatHistory(value);
  return inspect(value, { depth: 4, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 100 });
}

/** "Tensor float32 [2,3]" and its values (tfjs already elides the middle of large tensors). */
export function formatTensor(tensor: TensorLike): string {
  const header = `Tensor ${tensor.dtype} [${tensor.shape.join(',')}]`;
  if (tensor.isDisposed) return `${header} (disposed)`;
  const lines = tensor.toString().split('\n');
  // tfjs prints "Tensor" then the values indented by four spaces.
  const values = lines.slice(1).map((line) => line.replace(/^ {4}/, ''));
  return [header, ...values].join('\n');
}

/** The Keras-style table: Layer (type) | Output Shape | Param #, then the totals. */
export function formatModel(model: ModelLike): string {
  const lines = [`Model: "${model.name}"`];
  try {
    model.summary(undefined, undefined, (line) => lines.push(line));
  } catch (error) {
    // An unbuilt model (no input shape yet) has no summary; say so rather than fail the cell.
    lines.push(`(no summary yet: ${error instanceof Error ? error.message : String(error)})`);
  }
  return lines.join('\n');
}

/** A History (what `await model.fit(...)` returns) as its per-epoch values. */
export function formatHistory(history: HistoryLike): string {
  const keys = Object.keys(history.history);
  const lines = [`History: ${history.epoch.length} epoch${history.epoch.length === 1 ? '' : 's'}`];
  for (const key of keys) {
    const values = history.history[key] ?? [];
    const shown = values.length > 20 ? [...values.slice(0, 10), '…', ...values.slice(-10)] : values;
    lines.push(`  ${key}: [${shown.map((v) => (typeof v === 'number' ? formatNumber(v) : String(v))).join(', ')}]`);
  }
  return lines.join('\n');
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}

export function bounded(text: string): string {
  if (text.length <= MAX_OUTPUT_CHARS) return text;
  const left = text.length - MAX_OUTPUT_CHARS;
  return `${text.slice(0, MAX_OUTPUT_CHARS)}\n… (output truncated: ${left} more characters)`;
}
