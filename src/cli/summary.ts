/**
 * What the runs of a notebook showed, in a few lines for the end of `fitlab run`: per run its
 * label, length, best validation loss, final loss, and what the diagnostics found.
 */
import type { Finding, Severity } from '../protocol/findings';
import type { Run } from '../protocol/run';
import { argMin } from '../diagnostics/series';
import { formatMetric } from './format';

export function runSummaryLines(runs: readonly Run[], findings: Record<string, Finding[]>): string[] {
  if (runs.length === 0) return ['No model was trained (no fit() ran).'];
  const lines = ['What the runs showed:'];
  runs.forEach((run, i) => lines.push(...runLines(run, i + 1, findings[run.id] ?? []).map((line) => `  ${line}`)));
  const best = bestRun(runs);
  if (best) lines.push(`Lowest val_loss: run ${best.index + 1} · ${best.run.label || best.run.id} (${formatMetric(best.value)} at epoch ${best.epoch})`);
  return lines;
}

/** The run that reached the lowest validation loss, when at least two runs validated. */
function bestRun(runs: readonly Run[]): { run: Run; index: number; epoch: number; value: number } | undefined {
  const scored = runs.flatMap((run, index) => {
    const best = bestEpoch(run, 'val_loss');
    return best ? [{ run, index, ...best }] : [];
  });
  if (scored.length < 2) return undefined;
  return scored.reduce((a, b) => (b.value < a.value ? b : a));
}

/** "run 2 · <label> · 20 epochs · best val_loss …", then one line per finding. */
export function runLines(run: Run, runNumber: number, findings: readonly Finding[]): string[] {
  return [`run ${runNumber} · ${run.label || run.id} · ${describeRun(run)}`, ...findings.map((finding) => `    ${severityMark(finding)} ${finding.message}`)];
}

function describeRun(run: Run): string {
  const parts = [`${run.epochs.length} epoch${run.epochs.length === 1 ? '' : 's'}`];
  const best = bestEpoch(run, 'val_loss');
  // Epoch numbers as in the findings, the charts and the CSV: from 0, like Keras's History.
  if (best) parts.push(`best val_loss ${formatMetric(best.value)} at epoch ${best.epoch}`);
  const loss = run.history.loss ?? [];
  if (loss.length > 0) parts.push(`final loss ${formatMetric(loss[loss.length - 1])}`);
  if (run.status !== 'completed') parts.push(run.stopReason ? `${run.status}: ${run.stopReason}` : run.status);
  else if (run.stopReason) parts.push(run.stopReason);
  return parts.join(' · ');
}

/** The epoch (0-based) with the lowest value of `key`, ignoring NaN epochs. */
export function bestEpoch(run: Run, key: string): { epoch: number; value: number } | undefined {
  const column = run.history[key] ?? [];
  const row = argMin(column);
  return row < 0 ? undefined : { epoch: run.epochs[row] ?? row, value: column[row] as number };
}

function severityMark(finding: Finding): string {
  return finding.severity === 'error' ? '✗' : finding.severity === 'warning' ? '!' : '·';
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** "run 2: overfitting (warning)" for each finding at `threshold` or worse, for `--fail-on`. */
export function findingsAtOrAbove(runs: readonly Run[], findings: Record<string, Finding[]>, threshold: Severity): string[] {
  return runs.flatMap((run, i) =>
    (findings[run.id] ?? []).filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]).map((f) => `run ${i + 1}: ${f.id} (${f.severity})`),
  );
}
