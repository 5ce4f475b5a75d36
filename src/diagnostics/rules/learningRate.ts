/**
 * The learning rate judged from the epoch curves: divergence (NaN, or the recorder's NaN stop),
 * a loss rising or oscillating from the start (too high), a loss creeping down steadily but
 * barely moving (too low).
 */
import type { Finding } from '../../protocol/findings';
import type { Run } from '../../protocol/run';
import type { DiagnoseOptions } from '../options';
import { argMin, finiteValues, fmt, medianOf, noiseStd, pct, theilSenSlope, type Curve } from '../series';

/** NaN or infinite losses in the history, or a fit the recorder stopped on a NaN batch. */
export function divergence(run: Run, loss: Curve, epochOf: (row: number) => number): Finding | null {
  const nanRow = loss.findIndex((v) => v === null || (typeof v === 'number' && !Number.isFinite(v)));
  const nanReason = run.stopReason && /\bNaN\b|\binfinite\b/i.test(run.stopReason) ? run.stopReason : null;
  if (nanRow < 0 && !nanReason) return null;
  // The recorder's reason counts epochs from 1 ("at epoch 3, batch 12"); findings count from 0.
  const reasonEpoch = nanReason ? /\bepoch (\d+)/i.exec(nanReason) : null;
  const epoch = nanRow >= 0 ? epochOf(nanRow) : reasonEpoch ? Number(reasonEpoch[1]) - 1 : null;
  return {
    id: 'diverged',
    severity: 'error',
    epoch,
    message: nanReason ? `Training diverged: ${nanReason}` : `Training diverged: loss became NaN at epoch ${epoch}`,
    actions: [
      'Lower the learning rate (e.g. by 10x)',
      'Scale the inputs (standardize to mean 0, std 1, or to [0, 1])',
      'Check the loss matches the output activation (e.g. sigmoid with binaryCrossentropy)',
      'Clip gradients (clipNorm on the optimizer)',
    ],
    target: 'optimizer',
  };
}

export function learningRateFindings(run: Run, loss: Curve, options: DiagnoseOptions, epochOf: (row: number) => number): Finding[] {
  const values = finiteValues(loss);
  const n = values.length;
  const lrText = run.optimizer.learningRate.initial > 0 ? ` (learning rate ${fmt(run.optimizer.learningRate.initial)})` : '';
  const head = Math.max(2, Math.round(n / 5));
  const startLevel = medianOf(values, 0, head);
  const endLevel = medianOf(values, n - head, n);
  const bestRow = argMin(loss);
  const drop = values[0]! - values[bestRow]!;
  const sigma = noiseStd(values);
  // Rising from the start: the loss ends above where it began, by more than its noise.
  if (endLevel > startLevel * (1 + options.overfitRise) && endLevel - startLevel > 2 * sigma && theilSenSlope(loss) > 0) {
    return [{
      id: 'lr-too-high',
      severity: 'warning',
      epoch: epochOf(0),
      message: `loss rose from ${fmt(startLevel)} to ${fmt(endLevel)} instead of falling${lrText}: the learning rate is likely too high`,
      actions: ['Lower the learning rate (e.g. by 10x)', 'Add a ReduceLROnPlateau callback', 'Scale the inputs'],
      target: 'optimizer',
    }];
  }
  // Oscillating: epoch-to-epoch swings as large as everything it learned (with at least 6 epochs to tell).
  if (n >= 6 && sigma > Math.max(drop, 0) && sigma > 0.05 * Math.abs(startLevel)) {
    return [{
      id: 'lr-too-high',
      severity: 'warning',
      epoch: epochOf(0),
      message: `loss oscillates by ±${fmt(sigma)} per epoch, more than its total improvement ${fmt(Math.max(drop, 0))}${lrText}: the learning rate is likely too high`,
      actions: ['Lower the learning rate (e.g. by 10x)', 'Add a ReduceLROnPlateau callback', 'Use a larger batch size'],
      target: 'optimizer',
    }];
  }
  // Barely moving but steadily falling: every epoch helps a little, so steps are too small.
  const fall = (startLevel - endLevel) / Math.abs(startLevel || 1);
  const lrValue = run.optimizer.learningRate.initial;
  if (n >= 5 && fall > 0 && fall < options.flatLoss * 10 && theilSenSlope(loss) < 0 && isSteady(values) && (lrValue === 0 || lrValue <= 1e-3)) {
    return [{
      id: 'lr-too-low',
      severity: 'info',
      epoch: null,
      message: `loss fell only ${pct(fall)} over ${n} epochs (${fmt(startLevel)} → ${fmt(endLevel)}), steadily${lrText}: the learning rate may be too low`,
      actions: ['Raise the learning rate (e.g. by 3–10x)', 'Use Adam with its default rate 0.001', 'Train for more epochs'],
      target: 'optimizer',
    }];
  }
  return [];
}

/** Most epochs move the same way: a slow trend rather than noise around a plateau. */
function isSteady(values: readonly number[]): boolean {
  let down = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! < values[i - 1]!) down++;
  return down >= 0.7 * (values.length - 1);
}
