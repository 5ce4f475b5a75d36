/**
 * A run's history in the files people load elsewhere: Keras CSVLogger CSV (pandas, spreadsheets)
 * and the full run as JSON (readable by `fitlab diagnose`).
 */
import type { Run } from '../protocol/run';

/**
 * A run's per-epoch history as a Keras CSVLogger file: "epoch" first, then the logged keys in
 * sorted order (as CSVLogger sorts `logs.keys()`), one row per epoch. A NaN (stored as null) is
 * written "nan" and a value an epoch never logged "NA", as CSVLogger does.
 */
export function historyToCsv(run: Run): string {
  const keys = Object.keys(run.history).sort();
  const header = ['epoch', ...keys].map(csvField).join(',');
  const rows = run.epochs.map((epoch, row) => [String(epoch), ...keys.map((key) => csvValue(run.history[key], row))].join(','));
  return [header, ...rows].join('\n') + '\n';
}

/** A run as pretty JSON (readable by `fitlab diagnose`). */
export function runToJson(run: Run): string {
  return JSON.stringify(run, null, 1) + '\n';
}

/** A file name stem for a run's exports, safe on every file system: "run-3-16-16-L2-0.001". */
export function exportFileStem(run: Pick<Run, 'id' | 'label'>): string {
  const stem = `${run.id}-${run.label}`.replace(/[^\w.-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return stem.slice(0, 80) || 'run';
}

function csvValue(column: (number | null)[] | undefined, row: number): string {
  if (!column || row >= column.length || column[row] === undefined) return 'NA';
  const value = column[row];
  return value === null || !Number.isFinite(value) ? 'nan' : String(value);
}

/** Quotes a header field the way Python's csv module does when it holds a separator or quote. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
