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

const PNG_PREFIX = 'data:image/png;base64,';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Chart images are a few hundred KB; anything far larger is not one of ours. */
export const MAX_PNG_BYTES = 32 * 1024 * 1024;

/**
 * The bytes of a chart image the dashboard sent as a data URL, checked to really be a PNG of a
 * sane size before anything is written to disk. Throws a one-line reason otherwise.
 */
export function decodePngDataUrl(dataUrl: string): Uint8Array {
  if (!dataUrl.startsWith(PNG_PREFIX)) throw new Error('chart image: expected a data:image/png;base64 URL');
  const base64 = dataUrl.slice(PNG_PREFIX.length);
  if (base64.length > (MAX_PNG_BYTES * 4) / 3 + 4) throw new Error(`chart image: larger than ${MAX_PNG_BYTES / 1024 / 1024} MB`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new Error('chart image: the data URL is not valid base64');
  const bytes = Uint8Array.from(Buffer.from(base64, 'base64'));
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error('chart image: the data is not a PNG');
  return bytes;
}
