/**
 * Overfitting: the validation loss stopped improving and rose while the training loss kept falling.
 *
 * Real curves are noisy, so the test is on levels, not single epochs:
 * - the onset is the epoch of the best (lowest) validation loss (a lone dip far below its
 *   neighbours does not count as the best, see `bestEpoch`);
 * - the "after level" is the median of every epoch after the onset (one bad epoch does not count);
 * - the "best level" it is compared with is the level the curve had reached at the onset: the
 *   trend of the epochs before it carried to the onset, kept between the best value and their
 *   median. The bottom of a real V lies on that trend; the lowest of many noisy values on a plateau
 *   or a still-falling curve lies below it, a lucky dip, not a level the curve then "rose" from;
 * - the rise (after level minus best level) must clear a relative threshold and `noiseMultiplier`
 *   standard errors of the after level (from the epoch-to-epoch noise). The threshold is
 *   `overfitRise` of the best level, or `overfitGainFactor` × `overfitRise` of what the curve had
 *   gained (from its first epochs down to the best level) when the rise is at least half of
 *   `overfitRise` of the level (by default 10% of the gain and 2.5% of the level):
 *   a curve that fell from 1.44 to 1.02 and settled 0.05 higher lost 12% of its improvement,
 *   which a person calls overfitting although it is under 5% of the loss itself;
 * - the training loss must have kept falling after the onset, by `trainFall` and in a trend
 *   `trainTrend` times its own noise: otherwise a rising validation loss is instability or a
 *   learning rate too high, not the model memorizing.
 * A second way to the same verdict, for noisy validation curves: the generalization gap widens.
 * The validation loss stopped improving (its after level is not significantly below the level it
 * had reached, nor trending down again) and sits `overfitRise` above its best value, while the
 * training loss fell by at least `gapTrainFall` in a trend `trainTrend` times its own noise. A
 * noisy validation curve can hide a rise; a training loss falling that clearly beside a
 * validation loss that stopped is not noise.
 */
import type { DiagnoseOptions } from '../options';
import { argMin, finiteValues, fmt, isFiniteNumber, median, medianOf, noiseStd, theilSenSlope, type Curve } from '../series';

export interface OverfitAnalysis {
  overfitting: boolean;
  /** 0-based index (into the history rows) of the best validation loss. */
  onset: number;
  bestValLoss: number;
  /** Levels compared (see above) and the rise between them. */
  bestLevel: number;
  /** Whether the best value is itself the level reached (a V's bottom), rather than a dip below the trend. */
  fellIntoBest: boolean;
  afterLevel: number;
  /** Highest validation loss after the onset, and the last one. */
  peakAfter: number;
  lastValLoss: number;
  rise: number;
  /** Rise relative to the best level. */
  relativeRise: number;
  /** Where the curve started (median of its first three epochs) and the rise as a fraction of its gain from there to the best level. */
  startLevel: number;
  riseOfGain: number;
  /** The flag comes from the rise relative to the gain alone (it is under `overfitRise` of the level). */
  byGain: boolean;
  /** Rise of the after level relative to the best value itself (for messages). */
  riseFromBest: number;
  /** The rise the noise alone could explain. */
  noiseThreshold: number;
  epochsAfter: number;
  /** Relative fall of the training loss from the onset to the end (positive = fell). */
  trainFall: number;
  /** The training loss's downward trend after the onset, in multiples of its epoch-to-epoch noise. */
  trainTrend: number;
  /** Overfitting seen as a widening gap (validation stopped, training kept falling) rather than a clear rise. */
  gapWidening: boolean;
  /** Why it is not overfitting, when it is not (for the evaluation and tests). */
  reason: string;
}

/**
 * The epoch of the best validation loss, skipping lone dips: one epoch far below both neighbours
 * (deeper than `dipNoise` times the larger of the neighbours' own steps and the curve's noise) is
 * a glitch, the mirror image of "one bad epoch", not a level the model reached. The bottom of a
 * real V is not a dip: its neighbours' steps are as large as its depth.
 */
export function bestEpoch(valLoss: Curve, dipNoise: number): number {
  const sigma = noiseStd(finiteValues(valLoss));
  const at = (i: number): number => (isFiniteNumber(valLoss[i]) ? (valLoss[i] as number) : NaN);
  const isLoneDip = (i: number): boolean => {
    const [l2, l1, r1, r2] = [at(i - 2), at(i - 1), at(i + 1), at(i + 2)];
    if (![l2, l1, r1, r2].every(Number.isFinite)) return false;
    const depth = Math.min(l1, r1) - at(i);
    const local = Math.max(Math.abs(l1 - l2), Math.abs(r2 - r1), sigma);
    return depth > dipNoise * local;
  };
  const order = valLoss.map((v, i) => [v, i] as const).filter((p): p is readonly [number, number] => isFiniteNumber(p[0])).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const best = order.find(([, index]) => !isLoneDip(index));
  return best ? best[1] : argMin(valLoss);
}

/** When the lowest value was passed over as a lone dip, says so (a late "best" is otherwise puzzling). */
function dipNote(valLoss: Curve, onset: number): string {
  const lowest = argMin(valLoss);
  return lowest === onset ? '' : ` (the lowest, ${fmt(valLoss[lowest] as number)} at row ${lowest}, is a lone dip)`;
}

/** The Theil–Sen line through curve[from, to) evaluated at `to`. */
function levelAt(curve: Curve, from: number, to: number): number {
  const segment = curve.slice(from, to);
  const slope = theilSenSlope(segment);
  const intercepts = segment.flatMap((v, i) => (isFiniteNumber(v) ? [v - slope * i] : []));
  return median(intercepts) + slope * segment.length;
}

/** Epochs before the onset whose trend gives the level the curve had reached at the onset. */
function preWindow(epochsAfter: number): number {
  return Math.max(3, Math.min(epochsAfter, 10));
}

export function analyzeOverfitting(loss: Curve, valLoss: Curve, options: DiagnoseOptions): OverfitAnalysis | null {
  const finiteVal = finiteValues(valLoss);
  if (finiteVal.length < options.minEpochs) return null;
  const onset = bestEpoch(valLoss, options.dipNoise);
  const n = valLoss.length;
  const after = valLoss.slice(onset + 1).filter(isFiniteNumber);
  const k = Math.max(1, after.length);
  const afterLevel = after.length ? medianOf(after, 0, after.length) : (valLoss[onset] as number);
  // Noise measured over the part of the run the verdict is about: from as far before the onset as
  // the run continues after it, to the end (early epochs are often far noisier than late ones).
  const sigma = noiseStd(finiteValues(valLoss.slice(Math.max(0, onset - Math.max(after.length, 5)), n)));
  const w = preWindow(after.length);
  const pre = finiteValues(valLoss.slice(Math.max(0, onset - w), onset));
  const best = valLoss[onset] as number;
  // The level the curve had reached at the onset: its recent trend carried to the onset (never
  // below the best value, never above the recent median). A lucky dip sits below it; a real V's
  // bottom is on it.
  const trendLevel = pre.length >= 2 ? levelAt(valLoss, Math.max(0, onset - w), onset) : best;
  const bestLevel = Math.max(best, Math.min(trendLevel, medianOf(pre, 0, pre.length)));
  const fellIntoBest = bestLevel === best;
  // Standard error of a median of k noisy values ≈ 1.25 σ / √k.
  const standardError = (1.25 * sigma) / Math.sqrt(k);
  const noiseThreshold = options.noiseMultiplier * standardError;
  const rise = afterLevel - bestLevel;
  const scale = Math.abs(bestLevel) || 1;
  // What the curve had gained: from its first epochs (a median, so one wild early epoch does not
  // count) down to the level it reached. A rise that gives back a tenth of that (by default) is
  // overfitting even on a loss that improved little relative to its size; half of `overfitRise`
  // stays a floor so a curve that barely moved cannot be flagged for a fraction of a percent.
  const startLevel = medianOf(valLoss, 0, 3);
  const gain = startLevel - bestLevel;
  const riseOfGain = gain > 0 ? rise / gain : 0;
  const clearsLevel = rise / scale >= options.overfitRise;
  const riseOfGainThreshold = options.overfitGainFactor * options.overfitRise;
  const clearsGain = riseOfGain >= riseOfGainThreshold && rise / scale >= options.overfitRise / 2;
  const trainAtOnset = medianOf(loss, onset - 1, onset + 2);
  const trainEnd = medianOf(loss, loss.length - 2, loss.length);
  const trainFall = Number.isFinite(trainAtOnset) && Number.isFinite(trainEnd) && trainAtOnset !== 0 ? (trainAtOnset - trainEnd) / Math.abs(trainAtOnset) : 0;

  const trainAfter = finiteValues(loss.slice(onset));
  const trainNoise = noiseStd(trainAfter);
  const trainDrop = -theilSenSlope(trainAfter) * Math.max(0, trainAfter.length - 1);
  const trainTrend = trainNoise > 0 ? trainDrop / trainNoise : trainDrop > 0 ? Infinity : 0;
  const riseFromBest = (afterLevel - (valLoss[onset] as number)) / (Math.abs(valLoss[onset] as number) || 1);
  // Where the validation loss is heading after the onset (a curve still trending down is not overfitting).
  const afterTrend = after.length >= 3 ? theilSenSlope(after) * (after.length - 1) : 0;
  const gapWidening =
    after.length >= options.minEpochsAfterBest &&
    riseFromBest >= options.overfitRise &&
    rise >= -noiseThreshold &&
    afterTrend >= -options.noiseMultiplier * sigma &&
    trainFall >= options.gapTrainFall &&
    trainTrend >= options.trainTrend;

  let reason = '';
  if (gapWidening) reason = '';
  else if (after.length < options.minEpochsAfterBest) reason = `only ${after.length} epochs after the best validation loss${dipNote(valLoss, onset)}`;
  else if (!clearsLevel && !clearsGain) reason = `validation loss after the best stays within ${(options.overfitRise * 100).toFixed(0)}% of ${fellIntoBest ? 'it' : 'the level the curve had reached'} and within ${(riseOfGainThreshold * 100).toFixed(0)}% of what it had gained`;
  else if (rise <= noiseThreshold) reason = 'the rise is within the noise of the curve';
  else if (!(trainFall >= options.trainFall) || !(trainTrend >= options.trainTrend)) reason = 'the training loss did not keep falling';

  const gapOnly = gapWidening && !((clearsLevel || clearsGain) && rise > noiseThreshold);
  return {
    overfitting: reason === '',
    onset,
    bestValLoss: valLoss[onset] as number,
    bestLevel,
    fellIntoBest,
    afterLevel,
    peakAfter: after.reduce((max, v) => Math.max(max, v), valLoss[onset] as number),
    lastValLoss: finiteVal[finiteVal.length - 1]!,
    rise,
    relativeRise: rise / scale,
    startLevel,
    riseOfGain,
    byGain: reason === '' && !gapOnly && !clearsLevel,
    riseFromBest,
    noiseThreshold,
    epochsAfter: after.length,
    trainFall,
    trainTrend,
    gapWidening: gapOnly,
    reason,
  };
}
