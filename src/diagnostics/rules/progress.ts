/**
 * How far training got: underfitting (high and flat), no better than the baseline of a model that
 * ignores its inputs, and still improving when it stopped (stopped too early).
 */
import type { Finding } from '../../protocol/findings';
import type { Run } from '../../protocol/run';
import { baselineOf } from '../baseline';
import type { DiagnoseOptions } from '../options';
import { argMin, finiteValues, fmt, medianOf, pct, theilSenSlope, type Curve } from '../series';

export function underfitting(loss: Curve, valLoss: Curve | undefined, options: DiagnoseOptions, epochOf: (row: number) => number): Finding | null {
  const values = finiteValues(loss);
  const n = values.length;
  if (n < 6) return null;
  const half = Math.floor(n / 2);
  const first = values[0]!;
  const secondHalfStart = medianOf(values, half - 1, half + 2);
  const end = medianOf(values, n - 3, n);
  const totalFall = (first - end) / Math.abs(first || 1);
  const lateFall = (secondHalfStart - end) / Math.abs(secondHalfStart || 1);
  // High: it learned little overall. Flat: the second half changed nothing.
  if (!(totalFall < 0.3 && Math.abs(lateFall) < 5 * options.flatLoss)) return null;
  const val = valLoss ? finiteValues(valLoss) : [];
  const valText = val.length ? `, val_loss ${fmt(val[0]!)} → ${fmt(val[val.length - 1]!)}` : '';
  return {
    id: 'underfitting',
    severity: 'warning',
    epoch: epochOf(half),
    message: `loss is high and flat: ${fmt(first)} → ${fmt(end)} (${pct(Math.max(totalFall, 0))} lower), ${pct(Math.abs(lateFall))} change over the last ${n - half} epochs${valText}`,
    actions: [
      'Use a bigger network (more units or layers)',
      'Train longer, or raise the learning rate',
      'Check the inputs are scaled and the labels match the loss',
    ],
    target: 'layer',
  };
}

export function noBetterThanBaseline(run: Run, options: DiagnoseOptions): Finding | null {
  const baseline = baselineOf(run);
  if (!baseline || baseline.loss === null) return null;
  const curve = run.history.val_loss ?? run.history.loss ?? [];
  const best = Math.min(...finiteValues(curve));
  if (!Number.isFinite(best) || best < baseline.loss * (1 - options.baselineMargin)) return null;
  const name = run.history.val_loss ? 'val_loss' : 'loss';
  return {
    id: 'no-better-than-baseline',
    severity: 'warning',
    epoch: null,
    message: `best ${name} ${fmt(best)} is no better than the baseline ${fmt(baseline.loss)} of ${baseline.description}`,
    actions: ['Check the inputs are scaled and carry signal for the labels', 'Use a bigger network or train longer', 'Check the loss and the last activation match the labels'],
    target: 'fit',
  };
}

export function stillImproving(run: Run, curve: Curve, name: string, options: DiagnoseOptions, epochOf: (row: number) => number): Finding | null {
  if (run.stopReason && /earlystopping/i.test(run.stopReason.replace(/\s/g, ''))) return null;
  const values = finiteValues(curve);
  const n = values.length;
  if (n < options.minEpochs) return null;
  const best = argMin(curve);
  const tail = Math.max(1, Math.ceil(options.stillImprovingTail * n));
  if (best < curve.length - tail) return null;
  const window = Math.max(3, Math.round(n / 3));
  const recent = curve.slice(-window);
  const slope = theilSenSlope(recent);
  if (!(slope < 0)) return null;
  const level = medianOf(recent, 0, recent.length);
  const lastFall = (-slope * window) / Math.abs(level || 1);
  if (lastFall < options.flatLoss) return null;
  const bestValue = curve[best] as number;
  return {
    id: 'still-improving',
    severity: 'info',
    epoch: epochOf(best),
    message: `${name} was still improving when training stopped: best ${fmt(bestValue)} at epoch ${epochOf(best)}, about ${pct(lastFall)} lower over the last ${window} epochs`,
    actions: ['Train for more epochs', "Add EarlyStopping (monitor 'val_loss', patience 5, restoreBestWeights) to stop at the right epoch"],
    target: 'fit',
  };
}
