/**
 * The one-line texts a cell and the status bar show about a fit: "epoch 3/20 · loss 0.4213 ·
 * val_loss 0.5120" while it trains, and a summary line once it ended. Pure.
 */
import { formatMetric } from '../../cli/format';
import type { Run } from '../../protocol/run';

// One number format for the editor and the `fitlab` CLI, so a loss reads the same in both.
export { formatMetric } from '../../cli/format';

function latest(run: Run, key: string): number | null | undefined {
  const column = run.history[key];
  return column && column.length > 0 ? column[column.length - 1] : undefined;
}

/** "loss 0.4213 · val_loss 0.5120" from the latest epoch (only the quantities the run has). */
function latestLosses(run: Run): string {
  return ['loss', 'val_loss']
    .filter((key) => run.history[key] && run.history[key].length > 0)
    .map((key) => `${key} ${formatMetric(latest(run, key))}`)
    .join(' · ');
}

/** While training: `epoch` is the latest finished epoch (0-based), `epochs` the total. */
export function progressLine(run: Run, epoch: number, epochs: number): string {
  const losses = latestLosses(run);
  return [`epoch ${epoch + 1}/${epochs}`, losses].filter(Boolean).join(' · ');
}

/** The line shown as soon as a fit starts, before its first epoch ends. */
export function startingLine(run: Run): string {
  return `epoch 0/${run.params.epochs} · training ${run.label}…`;
}

const statusWords: Record<Run['status'], string> = {
  running: 'running',
  completed: 'completed',
  stopped: 'stopped early',
  interrupted: 'interrupted',
  failed: 'failed',
};

/** After the fit: "run 16-16 · L2 0.001 completed · 20/20 epochs · loss … · val_loss … (EarlyStopping at epoch 7)". */
export function summaryLine(run: Run): string {
  const epochsDone = run.epochs.length;
  const parts = [`${run.label} ${statusWords[run.status]}`, `${epochsDone}/${run.params.epochs} epochs`];
  const losses = latestLosses(run);
  if (losses) parts.push(losses);
  const line = parts.join(' · ');
  return run.stopReason ? `${line} (${run.stopReason})` : line;
}
