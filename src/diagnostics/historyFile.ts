/**
 * Reads a training history from any of the shapes people have on disk, into a Run the rules can read:
 * - a Keras `History.history` JSON object: {"loss": [...], "val_loss": [...], ...};
 * - the labelled logs' wrapper: {"history": {...}, "label": {...}};
 * - a Run exported by Fitlab (src/runs/export.ts `runToJson`);
 * - a Keras CSVLogger file (see csvHistory.ts).
 * Python's json writes NaN/Infinity as bare tokens; those become null here.
 * Errors are one line naming the file and what was wrong.
 */
import type { EpochHistory, Run } from '../protocol/run';
import { parseCsvHistory } from './csvHistory';
import { COLUMN_ALIASES, HistoryFormatError, isMissingToken } from './historyColumns';
import { isFiniteNumber } from './series';

export { HistoryFormatError } from './historyColumns';

export interface ParsedHistory {
  run: Run;
  format: 'keras-history' | 'fitlab-run' | 'csv';
  /** Something the reader decided that the user should know (e.g. which appended run it read). */
  note?: string;
}

export function parseHistoryFile(text: string, fileName: string): ParsedHistory {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new HistoryFormatError(`${fileName}: the file is empty`);
  if (trimmed.startsWith('{')) return parseJson(trimmed, fileName);
  const csv = parseCsvHistory(trimmed, fileName);
  return { run: historyToRun(csv.history, fileName), format: 'csv', ...(csv.note ? { note: csv.note } : {}) };
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
