/**
 * Rules over the per-epoch curves: overfitting, stopped too early, underfitting, learning rate
 * too high / too low, divergence, no validation data.
 */
import type { Finding } from '../../protocol/findings';
import type { Run } from '../../protocol/run';
import { baselineOf } from '../baseline';
import type { DiagnoseOptions } from '../options';
import { argMin, finiteValues, fmt, medianOf, noiseStd, pct, theilSenSlope, type Curve } from '../series';
import { batchLearningRate } from './batches';
import { analyzeOverfitting } from './overfitting';

export const OVERFITTING_ACTIONS = [
  'Get more training data (or augment the data you have)',
  'Use a smaller network (fewer layers or units)',
  'Add weight regularization: kernelRegularizer: fitlab.regularizers.l2(0.001) (or l1)',
  'Add Dropout layers (rate 0.2–0.5) after the Dense layers',
];

export function curveFindings(run: Run, options: DiagnoseOptions): Finding[] {
  const loss = run.history.loss ?? [];
  const valLoss = run.history.val_loss;
  const epochOf = (row: number): number => run.epochs[row] ?? row;
  const findings: Finding[] = [];

  const diverged = divergence(run, loss, epochOf);
  if (diverged) return [diverged, ...noValidation(run, valLoss)];
  const fromBatches = batchLearningRate(run, options);
  if (finiteValues(loss).length < options.minEpochs) return [...noValidation(run, valLoss), ...(fromBatches ? [fromBatches] : [])];

  findings.push(...noValidation(run, valLoss));
  const fromEpochs = learningRateFindings(run, loss, options, epochOf);
  const lr = fromEpochs.length ? fromEpochs : fromBatches ? [fromBatches] : [];
  findings.push(...lr);

  const overfit = valLoss ? analyzeOverfitting(loss, valLoss, options) : null;
  if (overfit?.overfitting) {
    const onsetEpoch = epochOf(overfit.onset);
    findings.push({
      id: 'overfitting',
      severity: 'warning',
      epoch: onsetEpoch,
      message:
        `val_loss rose ${pct(overfit.riseFromBest)} from its minimum ${fmt(overfit.bestValLoss)} at epoch ${onsetEpoch} ` +
        `over ${overfit.epochsAfter} epochs (median ${fmt(overfit.afterLevel)}, last ${fmt(overfit.lastValLoss)}) while loss fell ${pct(overfit.trainFall)}`,
      actions: [
        ...OVERFITTING_ACTIONS,
        `Stop at the onset: EarlyStopping (monitor 'val_loss', restoreBestWeights) would keep epoch ${onsetEpoch}; or a ReduceLROnPlateau`,
      ],
      target: 'fit',
    });
    findings.push(...missingRegularization(run, onsetEpoch));
  }

  const baseline = noBetterThanBaseline(run, options);
  if (baseline) findings.push(baseline);
  else if (!overfit?.overfitting && lr.length === 0) {
    const under = underfitting(loss, valLoss, options, epochOf);
    if (under) findings.push(under);
  }
  if (!overfit?.overfitting) {
    const early = stillImproving(run, valLoss ?? loss, valLoss ? 'val_loss' : 'loss', options, epochOf);
    if (early) findings.push(early);
  }
  return findings;
}

function noValidation(run: Run, valLoss: Curve | undefined): Finding[] {
  if (valLoss && finiteValues(valLoss).length > 0) return [];
  if (run.data.validation.source !== 'none' && run.epochs.length === 0) return [];
  return [{
    id: 'no-validation',
    severity: 'warning',
    epoch: null,
    message: 'No validation data: the fit logged no val_loss, so overfitting cannot be seen',
    actions: ['Pass validationSplit: 0.2 (or validationData: [xVal, yVal]) to fit', 'For small datasets use K-fold validation'],
    target: 'fit',
  }];
}

/** NaN losses, or a loss that exploded by orders of magnitude. */
function divergence(run: Run, loss: Curve, epochOf: (row: number) => number): Finding | null {
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

function learningRateFindings(run: Run, loss: Curve, options: DiagnoseOptions, epochOf: (row: number) => number): Finding[] {
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

function underfitting(loss: Curve, valLoss: Curve | undefined, options: DiagnoseOptions, epochOf: (row: number) => number): Finding | null {
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

function noBetterThanBaseline(run: Run, options: DiagnoseOptions): Finding | null {
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

function stillImproving(run: Run, curve: Curve, name: string, options: DiagnoseOptions, epochOf: (row: number) => number): Finding | null {
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

/** "No regularization" on the Dense layers of an overfitting model that has none. */
function missingRegularization(run: Run, onsetEpoch: number): Finding[] {
  const layers = run.model.layers;
  const hasDropout = layers.some((l) => l.className === 'Dropout');
  const dense = layers.filter((l) => l.className === 'Dense');
  const hidden = dense.slice(0, -1);
  return hidden
    .filter((l) => !l.kernelRegularizer)
    .map((l) => ({
      id: 'no-regularization' as const,
      severity: 'info' as const,
      epoch: onsetEpoch,
      message: `Dense layer ${l.name} (${l.units ?? '?'} units, ${l.params} params) has no weight regularization${hasDropout ? '' : ' and the model has no Dropout'}, and the model overfit from epoch ${onsetEpoch}`,
      actions: ['Add kernelRegularizer: fitlab.regularizers.l2(0.001)', 'Insert a Dropout layer (rate 0.2–0.5) after it', 'Use fewer units'],
      target: 'layer' as const,
      layer: l.name,
    }));
}


