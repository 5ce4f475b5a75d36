/**
 * Rules over the model summary: a last activation that does not fit the loss, Dropout rates and
 * weight-penalty strengths outside the usual ranges.
 */
import type { Finding } from '../../protocol/findings';
import type { LayerSummary, Run } from '../../protocol/run';
import type { DiagnoseOptions } from '../options';
import { normalizeLossName } from '../lossNames';
import { fmt } from '../series';

export function modelFindings(run: Run, options: DiagnoseOptions): Finding[] {
  const layers = run.model?.layers ?? [];
  const output = [...layers].reverse().find((l) => l.units !== undefined);
  return [
    ...(output ? lossActivationMismatch(normalizeLossName(run.loss), output, run) : []),
    ...layers.filter((l) => l.className === 'Dropout' && l.rate !== undefined).flatMap((l) => dropoutRate(l, options)),
    ...layers.flatMap((l) => regularizationStrength(l, options)),
  ];
}

/** Why an output layer (units, activation) does not suit a loss; null when it does. */
export function activationProblem(loss: string, units: number | undefined, activation: string | undefined): string | null {
  const act = (activation ?? 'linear').toLowerCase();
  const binary = loss === 'binarycrossentropy';
  const categorical = loss === 'categoricalcrossentropy' || loss === 'sparsecategoricalcrossentropy';
  if (act === 'softmax' && units === 1) return 'softmax over one unit always outputs 1, so the model cannot learn';
  if (categorical && act === 'sigmoid') return `sigmoid with ${loss === 'categoricalcrossentropy' ? 'categoricalCrossentropy' : 'sparseCategoricalCrossentropy'}: outputs do not sum to 1; use softmax`;
  if (categorical && act !== 'softmax') return `${act} output with a categorical crossentropy: it expects probabilities; use softmax`;
  if (binary && act === 'softmax' && (units ?? 1) > 1) return `softmax over ${units} units with binaryCrossentropy: use 1 sigmoid unit (or categoricalCrossentropy)`;
  if (binary && act !== 'sigmoid' && act !== 'softmax') return `${act} output with binaryCrossentropy: it expects probabilities in [0, 1]; use sigmoid`;
  return null;
}

function lossActivationMismatch(loss: string, output: LayerSummary, run: Run): Finding[] {
  let problem = activationProblem(loss, output.units, output.activation);
  const labels = run.data?.labels;
  if (!problem && labels && run.data.inputs.samples > 0) {
    const classes = labels.classBalance?.length;
    if (labels.kind === 'regression' && (loss.includes('crossentropy') || output.activation === 'softmax')) problem = `the labels are continuous but the model uses ${run.loss} / ${output.activation}; use a linear output with meanSquaredError`;
    else if (labels.kind === 'multiclass' && classes && output.units !== undefined && output.units !== classes && loss === 'categoricalcrossentropy') problem = `the output has ${output.units} units but the labels have ${classes} classes`;
  }
  if (!problem) return [];
  return [{
    id: 'loss-activation-mismatch',
    severity: 'error',
    epoch: null,
    message: `Loss/activation mismatch in layer ${output.name}: ${problem}`,
    actions: [
      'Binary labels: 1 unit, sigmoid, binaryCrossentropy',
      'K classes: K units, softmax, categoricalCrossentropy (one-hot) or sparseCategoricalCrossentropy (integer labels)',
      'Regression: linear output, meanSquaredError',
    ],
    target: 'compile',
    layer: output.name,
  }];
}

function dropoutRate(layer: LayerSummary, options: DiagnoseOptions): Finding[] {
  const rate = layer.rate!;
  if (rate >= options.dropoutMin && rate <= options.dropoutMax) return [];
  const tooHigh = rate > options.dropoutMax;
  return [{
    id: 'dropout-rate',
    severity: 'info',
    epoch: null,
    message: `Dropout ${layer.name} rate ${rate} is ${tooHigh ? 'above' : 'below'} the usual ${options.dropoutMin}–${options.dropoutMax}: ${tooHigh ? 'it may keep the model from learning (underfitting)' : 'it barely regularizes'}`,
    actions: [`Use a rate between ${options.dropoutMin} and ${options.dropoutMax} (0.5 for large Dense layers)`],
    target: 'layer',
    layer: layer.name,
  }];
}

function regularizationStrength(layer: LayerSummary, options: DiagnoseOptions): Finding[] {
  const reg = layer.kernelRegularizer;
  if (!reg) return [];
  const factors = ([['l1', reg.l1], ['l2', reg.l2]] as const).filter(([, v]) => v > 0);
  return factors
    .filter(([, v]) => v < options.regularizationMin || v > options.regularizationMax)
    .map(([kind, value]) => ({
      id: 'regularization-strength' as const,
      severity: 'info' as const,
      epoch: null,
      message: `${kind.toUpperCase()} factor ${fmt(value)} on ${layer.name} is ${value > options.regularizationMax ? 'above' : 'below'} the usual ${fmt(options.regularizationMin)}–${fmt(options.regularizationMax)}: ${value > options.regularizationMax ? 'the penalty may dominate the loss (underfitting)' : 'it has almost no effect'}`,
      actions: [`Try ${kind}(0.001) first, then tune by factors of 10 watching val_loss`],
      target: 'layer' as const,
      layer: layer.name,
    }));
}
