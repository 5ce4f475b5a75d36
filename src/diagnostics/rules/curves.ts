/**
 * The findings of a run's curves, in the order they are checked: divergence first (nothing else
 * means much after a NaN), no validation data, the learning rate, overfitting (with "no
 * regularization" on the layers that lacked it), then how far training got.
 */
import type { Finding } from '../../protocol/findings';
import type { Run } from '../../protocol/run';
import type { DiagnoseOptions } from '../options';
import { finiteValues, fmt, pct, type Curve } from '../series';
import { batchLearningRate } from './batches';
import { divergence, learningRateFindings } from './learningRate';
import { analyzeOverfitting, type OverfitAnalysis } from './overfitting';
import { noBetterThanBaseline, stillImproving, underfitting } from './progress';

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
      message: overfitMessage(overfit, onsetEpoch),
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

/**
 * The numbers behind the verdict. A flag from the rise relative to the gain says so, with the
 * rise, the gain and where it started, because its rise alone (under `overfitRise` of the loss)
 * would not convince a user who checks it against the setting.
 */
function overfitMessage(overfit: OverfitAnalysis, onsetEpoch: number): string {
  const levels = `median ${fmt(overfit.afterLevel)}, last ${fmt(overfit.lastValLoss)}`;
  const trained = `while loss fell ${pct(overfit.trainFall)}`;
  if (!overfit.byGain) {
    return `val_loss rose ${pct(overfit.riseFromBest)} from its minimum ${fmt(overfit.bestValLoss)} at epoch ${onsetEpoch} over ${overfit.epochsAfter} epochs (${levels}) ${trained}`;
  }
  const from = overfit.fellIntoBest ? `its minimum ${fmt(overfit.bestValLoss)}` : `the level ${fmt(overfit.bestLevel)} it had reached (minimum ${fmt(overfit.bestValLoss)})`;
  const gain = overfit.startLevel - overfit.bestLevel;
  return (
    `val_loss rose ${fmt(overfit.rise)} from ${from} at epoch ${onsetEpoch} over ${overfit.epochsAfter} epochs (${levels}), ` +
    `${pct(overfit.riseOfGain)} of the ${fmt(gain)} it had gained since its first three epochs (median ${fmt(overfit.startLevel)}), ${trained}`
  );
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


