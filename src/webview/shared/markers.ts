/**
 * The two moments worth marking on a loss curve: the best epoch (lowest validation loss, or the
 * epoch EarlyStopping restored) and the overfitting onset the diagnostics found, with its message.
 */
import type { Finding } from '../../protocol/findings';
import type { Run } from '../../protocol/run';
import { epochX } from './series';

export interface EpochMarker {
  kind: 'best' | 'onset';
  /** 0-based epoch of the run. */
  epoch: number;
  /** Where it is drawn on the epoch axis. */
  x: number;
  /** Short label drawn at the line, e.g. "best: epoch 12" (0-based, as the diagnostics count). */
  label: string;
  /** The longer explanation shown under the chart (the diagnostic's message for the onset). */
  detail: string;
}

export function runMarkers(run: Run, findings: readonly Finding[]): EpochMarker[] {
  const markers: EpochMarker[] = [];
  const best = bestEpoch(run);
  if (best) {
    const restored = run.restoredEpoch !== undefined;
    markers.push({
      kind: 'best',
      epoch: best.epoch,
      x: epochX(best.epoch),
      label: `best: epoch ${epochX(best.epoch)}`,
      detail: `Lowest ${best.key} ${best.value.toPrecision(4)} at epoch ${epochX(best.epoch)}${restored ? ' (weights restored by EarlyStopping)' : ''}.`,
    });
  }
  const overfitting = findings.find((f) => f.id === 'overfitting' && f.epoch !== null);
  if (overfitting && overfitting.epoch !== null) {
    markers.push({ kind: 'onset', epoch: overfitting.epoch, x: epochX(overfitting.epoch), label: `overfitting from epoch ${epochX(overfitting.epoch)}`, detail: overfitting.message });
  }
  return markers;
}

/** The epoch with the lowest val_loss (loss when there is no validation), or EarlyStopping's restored epoch. */
export function bestEpoch(run: Run): { epoch: number; key: string; value: number } | undefined {
  const key = run.history.val_loss?.some((v) => v !== null) ? 'val_loss' : 'loss';
  const column = run.history[key] ?? [];
  if (run.restoredEpoch !== undefined) {
    const row = run.epochs.indexOf(run.restoredEpoch);
    const value = column[row];
    if (row >= 0 && typeof value === 'number') return { epoch: run.restoredEpoch, key, value };
  }
  let bestRow = -1;
  column.forEach((v, row) => {
    if (v !== null && Number.isFinite(v) && (bestRow < 0 || v < (column[bestRow] as number))) bestRow = row;
  });
  return bestRow < 0 ? undefined : { epoch: run.epochs[bestRow], key, value: column[bestRow] as number };
}
