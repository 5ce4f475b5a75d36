/**
 * Reads a training history from any of the shapes people have on disk, into a Run the rules can read:
 * - a Keras `History.history` JSON object: {"loss": [...], "val_loss": [...], ...};
 * - the labelled logs' wrapper: {"history": {...}, "label": {...}};
 * - a Run exported by Fitlab (src/runs/export.ts `runToJson`);
 * - a Keras CSVLogger file (comma-, tab- or semicolon-separated; an `epoch` column optional).
 * Python's json writes NaN/Infinity as bare tokens; those become null here.
 * Errors are one line naming the file and what was wrong.
 */
import type { EpochHistory, Run } from '../protocol/run';
import { isFiniteNumber } from './series';

export class HistoryFormatError extends Error {
  override readonly name = 'HistoryFormatError';
}

export interface ParsedHistory {
  run: Run;
  format: 'keras-history' | 'fitlab-run' | 'csv';
}

/** Column names other tools use for Keras's `loss` / `val_loss`. */
const COLUMN_ALIASES: Record<string, string> = { train_loss: 'loss', training_loss: 'loss', validation_loss: 'val_loss', valid_loss: 'val_loss' };

export function parseHistoryFile(text: string, fileName: string): ParsedHistory {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new HistoryFormatError(`${fileName}: the file is empty`);
  if (trimmed.startsWith('{')) return parseJson(trimmed, fileName);
  return { run: historyToRun(parseCsv(trimmed, fileName), fileName), format: 'csv' };
}

/** Bare NaN / Infinity tokens (outside strings) as Python's json writes them, made strict JSON. */
function toStrictJson(text: string): string {
  return text.replace(/("(?:[^"\\]|\\.)*")|-?\b(?:NaN|Infinity)\b/g, (match, str: string | undefined) => str ?? 'null');
}

function parseJson(text: string, fileName: string): ParsedHistory {
  let value: unknown;
  try {
    value = JSON.parse(toStrictJson(text));
  } catch (error) {
    throw new HistoryFormatError(`${fileName}: not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(value)) throw new HistoryFormatError(`${fileName}: expected a JSON object`);
  if (isRecord(value.history) && Array.isArray(value.epochs) && isRecord(value.model)) {
    return { run: validateRun(value as unknown as Run, fileName), format: 'fitlab-run' };
  }
  const history = isRecord(value.history) ? value.history : value;
  const prefix = history === value ? '' : 'history.';
  return { run: historyToRun(readHistoryObject(history, fileName, prefix), fileName), format: 'keras-history' };
}

function readHistoryObject(object: Record<string, unknown>, fileName: string, prefix: string): EpochHistory {
  const history: EpochHistory = {};
  for (const [rawKey, column] of Object.entries(object)) {
    if (!Array.isArray(column)) continue;
    const key = COLUMN_ALIASES[rawKey] ?? rawKey;
    history[key] = column.map((v, i) => {
      if (v === null || isFiniteNumber(v)) return v;
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
      if (typeof v === 'string' && isMissingToken(v)) return null;
      throw new HistoryFormatError(`${fileName}: ${prefix}${rawKey}[${i}] is not a number (${JSON.stringify(v)})`);
    });
  }
  if (!history.loss) throw new HistoryFormatError(`${fileName}: no "loss" column (found ${Object.keys(history).join(', ') || 'no numeric columns'})`);
  return history;
}

/** The fields of an exported run the rules read; a missing one is named rather than crashing a rule. */
function validateRun(run: Run, fileName: string): Run {
  const required: [string, unknown, (v: unknown) => boolean][] = [
    ['history.loss', run.history.loss, Array.isArray],
    ['epochs', run.epochs, Array.isArray],
    ['model.layers', run.model.layers, Array.isArray],
    ['optimizer.learningRate', (run.optimizer as unknown as Record<string, unknown> | undefined)?.learningRate, isRecord],
    ['data.inputs', (run.data as unknown as Record<string, unknown> | undefined)?.inputs, isRecord],
    ['data.labels', (run.data as unknown as Record<string, unknown> | undefined)?.labels, isRecord],
    ['data.validation', (run.data as unknown as Record<string, unknown> | undefined)?.validation, isRecord],
  ];
  const missing = required.find(([, value, valid]) => !valid(value));
  if (missing) throw new HistoryFormatError(`${fileName}: the exported run has no valid ${missing[0]}`);
  // Older exports may lack per-batch records; the rules treat them as absent.
  return { ...run, batches: isRecord(run.batches) ? run.batches : { epoch: [], loss: [], lr: [] } };
}

function parseCsv(text: string, fileName: string): EpochHistory {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines[0]!;
  const delimiter = [',', '\t', ';'].map((d) => [d, header.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]!;
  if (delimiter[1] < 2) throw new HistoryFormatError(`${fileName}: not a history (expected JSON, or a CSV header like "epoch,loss,val_loss")`);
  const names = header.split(delimiter[0]).map((name) => name.trim().replace(/^"(.*)"$/, '$1'));
  const columns = names.map(() => [] as (number | null)[]);
  lines.slice(1).forEach((line, row) => {
    const cells = line.split(delimiter[0]);
    if (cells.length !== names.length) throw new HistoryFormatError(`${fileName}: line ${row + 2} has ${cells.length} fields, the header has ${names.length}`);
    cells.forEach((cell, c) => {
      const text = cell.trim().replace(/^"(.*)"$/, '$1');
      const number = Number(text);
      if (text !== '' && Number.isFinite(number)) columns[c]!.push(number);
      else if (isMissingToken(text)) columns[c]!.push(null);
      else throw new HistoryFormatError(`${fileName}: line ${row + 2}, column "${names[c]}" is not a number (${JSON.stringify(text)})`);
    });
  });
  const history: EpochHistory = {};
  names.forEach((name, c) => {
    // The epoch column (or pandas' unnamed index) numbers the rows; it is not a curve.
    if (name === 'epoch' || name === '' || name === 'Unnamed: 0') return;
    history[COLUMN_ALIASES[name] ?? name] = columns[c]!;
  });
  if (!history.loss) throw new HistoryFormatError(`${fileName}: no "loss" column in the header (${names.join(', ')})`);
  return history;
}

/** A Run around a bare history: unknown model, optimizer and data (the rules skip what is unknown). */
export function historyToRun(history: EpochHistory, name: string): Run {
  const rows = Math.max(...Object.values(history).map((c) => c.length));
  const lr = history.lr ?? history.learning_rate;
  const firstLr = lr?.find(isFiniteNumber);
  return {
    id: name,
    label: name,
    startedAt: new Date(0).toISOString(),
    status: 'completed',
    model: { layers: [], totalParams: 0, trainableParams: 0, inputShape: [] },
    optimizer: { name: 'unknown', learningRate: { initial: firstLr ?? 0 } },
    loss: 'unknown',
    metrics: Object.keys(history).filter((k) => k !== 'loss' && !k.startsWith('val_') && k !== 'lr' && k !== 'learning_rate'),
    data: {
      inputs: { samples: 0, features: 0, min: 0, max: 0, meanOfMeans: 0, maxAbsMean: 0, maxStd: 0, firstFeatures: [] },
      labels: { kind: 'regression' },
      validation: { source: history.val_loss ? 'validationData' : 'none', samples: 0 },
    },
    params: { epochs: rows, batchSize: 0, initialEpoch: 0, shuffle: true },
    epochs: Array.from({ length: rows }, (_, i) => i),
    history,
    batches: { epoch: [], loss: [], lr: [] },
  };
}

/** How logs write a value that is not a number: NaN, inf, NA (R, Fitlab's export), None, empty. */
function isMissingToken(text: string): boolean {
  return /^\s*([-+]?(nan|inf(inity)?)|na|none|null|)\s*$/i.test(text);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
