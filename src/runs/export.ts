// STUB: replaced by the dashboard work (issue 5). Signatures are fixed.
import type { Run } from '../protocol/run';

/** A run's per-epoch history as a Keras CSVLogger file: "epoch,loss,...", one row per epoch. */
export function historyToCsv(run: Run): string {
  const keys = Object.keys(run.history).sort();
  const rows = run.epochs.map((e, i) => [e, ...keys.map((k) => run.history[k]?.[i] ?? 'nan')].join(','));
  return ['epoch,' + keys.join(','), ...rows].join('\n') + '\n';
}

/** A run as pretty JSON (readable by `fitlab diagnose`). */
export function runToJson(run: Run): string {
  return JSON.stringify(run, null, 1) + '\n';
}
