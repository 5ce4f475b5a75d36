/** One row of the run table (dashboard list and report): what a person compares between runs. */
import type { Run } from '../../protocol/run';
import { bestEpoch } from './markers';

export interface RunRow {
  id: string;
  label: string;
  epochs: number;
  /** Lowest val_loss and its epoch (0-based, as drawn and as the diagnostics count), when the run validated. */
  bestValLoss: number | null;
  bestEpoch: number | null;
  finalLoss: number | null;
  finalValLoss: number | null;
  status: string;
}

export function runRow(run: Run): RunRow {
  const best = bestEpoch(run);
  const hasVal = best?.key === 'val_loss';
  return {
    id: run.id,
    label: run.label,
    epochs: run.epochs.length,
    bestValLoss: hasVal && best ? best.value : null,
    bestEpoch: hasVal && best ? best.epoch : null,
    finalLoss: lastValue(run.history.loss),
    finalValLoss: lastValue(run.history.val_loss),
    status: run.stopReason ? `${run.status} (${run.stopReason})` : run.status,
  };
}

/**
 * Names for runs in overlays and lists: "#n label", n counting the notebook's runs from 1 (as
 * `fitlab run` numbers them), so two runs of the same model stay apart.
 */
export function runName(runs: readonly Pick<Run, 'id' | 'label'>[], runId: string): string {
  const index = runs.findIndex((r) => r.id === runId);
  return index < 0 ? runId : `#${index + 1} ${runs[index].label}`;
}

function lastValue(column: (number | null)[] | undefined): number | null {
  for (let i = (column?.length ?? 0) - 1; i >= 0; i--) if (column?.[i] !== null && column?.[i] !== undefined) return column[i];
  return null;
}
