/**
 * The loss (and accuracy) of a model that ignores its inputs, from the run's label statistics:
 * the bar step 5 of the workflow asks a model to beat.
 * - classification: predicting the class prior gives crossentropy = entropy of the prior, and
 *   always answering the majority class gives accuracy = its share;
 * - regression: predicting the mean gives MSE = variance (and MAE ≈ 0.8 σ for normal labels, not used).
 */
import type { Run } from '../protocol/run';
import { normalizeLossName } from './lossNames';

export interface Baseline {
  /** The loss a constant predictor reaches, for the run's loss function; null when not computable. */
  loss: number | null;
  /** Majority-class accuracy (classification only). */
  accuracy: number | null;
  /** How the baseline was computed, for messages. */
  description: string;
}

function entropy(prior: readonly number[]): number {
  return -prior.reduce((sum, p) => (p > 0 ? sum + p * Math.log(p) : sum), 0);
}

export function baselineOf(run: Run): Baseline | null {
  const labels = run.data?.labels;
  if (!labels || run.data.inputs.samples === 0) return null;
  const loss = normalizeLossName(run.loss);
  if (labels.kind !== 'regression') {
    const prior = labels.classBalance;
    if (!prior || prior.length < 2) return null;
    const majority = Math.max(...prior);
    const isCrossentropy = loss.includes('crossentropy');
    // Binary crossentropy over one sigmoid unit: entropy of the 2-class prior; categorical: of the K-class prior.
    return {
      loss: isCrossentropy ? entropy(prior) : null,
      accuracy: majority,
      description: `predicting the class prior (majority class ${Math.round(majority * 100)}%)`,
    };
  }
  if (labels.std === undefined || !(loss === 'meansquarederror' || loss === 'mse')) return null;
  return { loss: labels.std * labels.std, accuracy: null, description: 'predicting the mean (MSE = label variance)' };
}
