/**
 * Overfitting: the validation loss stopped improving and rose while the training loss kept falling.
 *
 * Real curves are noisy, so the test is on levels, not single epochs:
 * - the onset is the epoch of the best (lowest) validation loss;
 * - the "after level" is the median of every epoch after the onset (one bad epoch does not count);
 * - the "best level" it is compared with depends on how the curve reached its best: if it was
 *   falling into it (a downward trend larger than the noise), the best value itself; if it was
 *   wandering on a plateau, the median of that plateau, since the lowest of many noisy values is a
 *   lucky dip, not a level the curve then "rose" from;
 * - the rise (after level minus best level) must clear a relative threshold (`overfitRise`) and
 *   `noiseMultiplier` standard errors of the levels compared (from the epoch-to-epoch noise);
 * - the training loss must have kept falling after the onset (`trainFall`): otherwise a rising
 *   validation loss is instability or a learning rate too high, not the model memorizing.
 */
import type { DiagnoseOptions } from '../options';
import { argMin, finiteValues, isFiniteNumber, medianOf, noiseStd, theilSenSlope, type Curve } from '../series';

export interface OverfitAnalysis {
  overfitting: boolean;
  /** 0-based index (into the history rows) of the best validation loss. */
  onset: number;
  bestValLoss: number;
  /** Levels compared (see above) and the rise between them. */
  bestLevel: number;
  /** Whether the curve was falling into its best epoch (else the best was a dip on a plateau). */
  fellIntoBest: boolean;
  afterLevel: number;
  /** Highest validation loss after the onset, and the last one. */
  peakAfter: number;
  lastValLoss: number;
  rise: number;
  /** Rise relative to the best level. */
  relativeRise: number;
  /** Rise of the after level relative to the best value itself (for messages). */
  riseFromBest: number;
  /** The rise the noise alone could explain. */
  noiseThreshold: number;
  epochsAfter: number;
  /** Relative fall of the training loss from the onset to the end (positive = fell). */
  trainFall: number;
  /** Why it is not overfitting, when it is not (for the evaluation and tests). */
  reason: string;
}

/** Epochs before the onset looked at to tell "falling into the best" from "a dip on a plateau". */
function preWindow(epochsAfter: number): number {
  return Math.max(3, Math.min(epochsAfter, 10));
}

export function analyzeOverfitting(loss: Curve, valLoss: Curve, options: DiagnoseOptions): OverfitAnalysis | null {
  const finiteVal = finiteValues(valLoss);
  if (finiteVal.length < options.minEpochs) return null;
  const onset = argMin(valLoss);
  const n = valLoss.length;
  const after = valLoss.slice(onset + 1).filter(isFiniteNumber);
  const k = Math.max(1, after.length);
  const afterLevel = after.length ? medianOf(after, 0, after.length) : (valLoss[onset] as number);
  // Noise measured over the part of the run the verdict is about: from as far before the onset as
  // the run continues after it, to the end (early epochs are often far noisier than late ones).
  const sigma = noiseStd(finiteValues(valLoss.slice(Math.max(0, onset - Math.max(after.length, 5)), n)));
  const w = preWindow(after.length);
  const pre = finiteValues(valLoss.slice(Math.max(0, onset - w), onset));
  const preDrop = pre.length >= 2 ? theilSenSlope(pre) * pre.length : -Infinity;
  const fellIntoBest = pre.length < 2 || preDrop < -sigma;
  const bestLevel = fellIntoBest ? (valLoss[onset] as number) : medianOf(pre, 0, pre.length);
  // Standard error of a median of k noisy values ≈ 1.25 σ / √k; comparing two medians adds both.
  const standardError = 1.25 * sigma * Math.sqrt(1 / k + (fellIntoBest ? 0 : 1 / pre.length));
  const noiseThreshold = options.noiseMultiplier * standardError;
  const rise = afterLevel - bestLevel;
  const scale = Math.abs(bestLevel) || 1;
  const trainAtOnset = medianOf(loss, onset - 1, onset + 2);
  const trainEnd = medianOf(loss, loss.length - 2, loss.length);
  const trainFall = Number.isFinite(trainAtOnset) && Number.isFinite(trainEnd) && trainAtOnset !== 0 ? (trainAtOnset - trainEnd) / Math.abs(trainAtOnset) : 0;

  let reason = '';
  if (after.length < options.minEpochsAfterBest) reason = `only ${after.length} epochs after the best validation loss`;
  else if (rise / scale < options.overfitRise) reason = `validation loss after the best stays within ${(options.overfitRise * 100).toFixed(0)}% of ${fellIntoBest ? 'it' : 'the plateau before it'}`;
  else if (rise <= noiseThreshold) reason = 'the rise is within the noise of the curve';
  else if (!(trainFall >= options.trainFall)) reason = 'the training loss did not keep falling';

  return {
    overfitting: reason === '',
    onset,
    bestValLoss: valLoss[onset] as number,
    bestLevel,
    fellIntoBest,
    afterLevel,
    peakAfter: after.length ? Math.max(...after) : (valLoss[onset] as number),
    lastValLoss: finiteVal[finiteVal.length - 1]!,
    rise,
    relativeRise: rise / scale,
    riseFromBest: (afterLevel - (valLoss[onset] as number)) / (Math.abs(valLoss[onset] as number) || 1),
    noiseThreshold,
    epochsAfter: after.length,
    trainFall,
    reason,
  };
}
