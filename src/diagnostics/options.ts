/**
 * The thresholds of the diagnostics, as named options with documented defaults.
 * The extension exposes some as settings (e.g. "the rise that counts as overfitting").
 */
export interface DiagnoseOptions {
  /**
   * The rise of the smoothed validation loss above its best level that counts as overfitting,
   * as a fraction of that best level (0.05 = 5%). The rise must also clear the noise (below).
   */
  overfitRise: number;
  /**
   * A rise also counts when, as a fraction of what the validation loss had gained before (from its
   * first epochs to its best level), it reaches this many times `overfitRise` (2 × 5% = a tenth of
   * the gain) and it is at least half of `overfitRise` of the loss itself. A multiple, so the
   * `overfittingRise` setting stays the one knob of how much rise counts.
   */
  overfitGainFactor: number;
  /**
   * How many noise standard deviations (of the mean of the epochs after the best one) the rise must
   * exceed, so one bad epoch, or a noisy plateau, is not called overfitting.
   */
  noiseMultiplier: number;
  /** Epochs that must follow the best validation loss before a rise can be judged. */
  minEpochsAfterBest: number;
  /** Relative fall of the (smoothed) training loss after the onset that counts as "still falling" (with `trainTrend`). */
  trainFall: number;
  /** The widening-gap test (see rules/overfitting.ts): the training loss must fall at least this fraction after the onset. */
  gapTrainFall: number;
  /** The training loss's fall after the onset must be a trend this many times larger than its epoch-to-epoch noise. */
  trainTrend: number;
  /** A single validation epoch this many noise deviations below its neighbours is a glitch, not the best epoch. */
  dipNoise: number;
  /** Fewest epochs with a loss before any curve rule speaks. */
  minEpochs: number;
  /**
   * The last epochs still improve the validation loss (a significant downward trend, or a new best
   * in the last `stillImprovingTail` fraction of the run): training stopped too early.
   */
  stillImprovingTail: number;
  /** A loss that moved less than this fraction of its first value over the run "barely moved". */
  flatLoss: number;
  /** The best loss must beat the baseline by at least this fraction, or it is "no better than the baseline". */
  baselineMargin: number;
  /** Inputs count as scaled when every feature lies within [-scaledRange, scaledRange]... */
  scaledRange: number;
  /** ...and no feature mean is further than this from 0 (for standardized data) or 0.5 (for [0,1] data). */
  scaledMean: number;
  /** A class holding less than this fraction of a balanced share (1/classes) means imbalance. */
  imbalanceRatio: number;
  /** Dropout rates outside [dropoutMin, dropoutMax] get a hint. */
  dropoutMin: number;
  dropoutMax: number;
  /** L1/L2 factors outside [regularizationMin, regularizationMax] get a hint. */
  regularizationMin: number;
  regularizationMax: number;
}

export const DEFAULT_DIAGNOSE_OPTIONS: Readonly<DiagnoseOptions> = Object.freeze({
  overfitRise: 0.05,
  overfitGainFactor: 2,
  noiseMultiplier: 2,
  minEpochsAfterBest: 3,
  trainFall: 0.04,
  gapTrainFall: 0.1,
  trainTrend: 3,
  dipNoise: 4,
  minEpochs: 3,
  stillImprovingTail: 0.1,
  flatLoss: 0.01,
  baselineMargin: 0.02,
  scaledRange: 10,
  scaledMean: 3,
  imbalanceRatio: 0.5,
  dropoutMin: 0.2,
  dropoutMax: 0.5,
  regularizationMin: 1e-5,
  regularizationMax: 0.1,
});

/** The defaults with the given options laid over them (undefined values keep the default). */
export function resolveOptions(options: Partial<DiagnoseOptions> = {}): DiagnoseOptions {
  const resolved: DiagnoseOptions = { ...DEFAULT_DIAGNOSE_OPTIONS };
  for (const [key, value] of Object.entries(options) as [keyof DiagnoseOptions, number | undefined][]) {
    if (typeof value === 'number' && Number.isFinite(value)) resolved[key] = value;
  }
  return resolved;
}
