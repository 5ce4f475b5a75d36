/** Rules over the data statistics: inputs not scaled, class imbalance. */
import type { Finding } from '../../protocol/findings';
import type { Run } from '../../protocol/run';
import type { DiagnoseOptions } from '../options';
import { fmt, pct } from '../series';

export function dataFindings(run: Run, options: DiagnoseOptions): Finding[] {
  if (!run.data || run.data.inputs.samples === 0) return [];
  return [...inputsNotScaled(run, options), ...classImbalance(run, options)];
}

/** True when the inputs look scaled: values within ±scaledRange and feature means near 0 or 0.5. */
export function inputsScaled(run: Run, options: DiagnoseOptions): boolean {
  const inputs = run.data.inputs;
  return inputs.samples > 0 && inputs.min >= -options.scaledRange && inputs.max <= options.scaledRange && inputs.maxAbsMean <= options.scaledMean;
}

function inputsNotScaled(run: Run, options: DiagnoseOptions): Finding[] {
  if (inputsScaled(run, options)) return [];
  const inputs = run.data.inputs;
  // Name the worst feature among those summarized, so the user knows where to look.
  let worst = -1;
  let worstSpan = -Infinity;
  inputs.firstFeatures.forEach(([min, max, mean], i) => {
    const span = Math.max(Math.abs(min), Math.abs(max), Math.abs(mean));
    if (span > worstSpan) [worst, worstSpan] = [i, span];
  });
  const feature = worst >= 0 ? `; feature ${worst} spans ${fmt(inputs.firstFeatures[worst]![0])} to ${fmt(inputs.firstFeatures[worst]![1])}` : '';
  return [{
    id: 'inputs-not-scaled',
    severity: 'warning',
    epoch: null,
    message: `Inputs are not scaled: values range from ${fmt(inputs.min)} to ${fmt(inputs.max)}, largest feature mean ${fmt(inputs.maxAbsMean)}${feature}`,
    actions: [
      'Standardize each feature: (x - mean) / std, with mean and std from the training data only',
      'Or scale to [0, 1] (e.g. divide pixel values by 255)',
    ],
    target: 'data',
  }];
}

function classImbalance(run: Run, options: DiagnoseOptions): Finding[] {
  const balance = run.data.labels.classBalance;
  if (run.data.labels.kind === 'regression' || !balance || balance.length < 2) return [];
  const fair = 1 / balance.length;
  const rarest = balance.indexOf(Math.min(...balance));
  if (balance[rarest]! >= options.imbalanceRatio * fair) return [];
  const majority = balance.indexOf(Math.max(...balance));
  return [{
    id: 'class-imbalance',
    severity: 'info',
    epoch: null,
    message: `Classes are imbalanced: class ${rarest} is ${pct(balance[rarest]!)} of the samples, class ${majority} ${pct(balance[majority]!)}; always answering class ${majority} scores ${pct(balance[majority]!)} accuracy`,
    actions: [
      "Track precision, recall and AUC instead of accuracy (metrics: ['precision', 'recall', 'AUC'])",
      'Weight the classes in fit (classWeight) or resample the data',
    ],
    target: 'data',
  }];
}
