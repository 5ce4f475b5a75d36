/**
 * Small robust statistics over per-epoch curves. Curves may hold null (NaN in the log); every
 * function here skips those rather than letting one NaN poison a whole statistic.
 */

export type Curve = readonly (number | null | undefined)[];

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The finite values of a curve, in order. */
export function finiteValues(curve: Curve): number[] {
  return curve.filter(isFiniteNumber);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median absolute deviation from the median, scaled to estimate a normal standard deviation. */
export function robustStd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = median(values);
  return 1.4826 * median(values.map((v) => Math.abs(v - m)));
}

/**
 * The epoch-to-epoch noise of a curve: the robust spread of its first differences, divided by
 * sqrt(2) since a difference carries the noise of two epochs. Centering on the median difference
 * makes a steady trend count as signal, not noise.
 */
export function noiseStd(values: readonly number[]): number {
  if (values.length < 3) return 0;
  const diffs: number[] = [];
  for (let i = 1; i < values.length; i++) diffs.push(values[i]! - values[i - 1]!);
  return robustStd(diffs) / Math.SQRT2;
}

/** Index of the smallest finite value (the first, on ties), or -1 if there is none. */
export function argMin(curve: Curve): number {
  let best = -1;
  for (let i = 0; i < curve.length; i++) {
    const v = curve[i];
    if (isFiniteNumber(v) && (best < 0 || v < (curve[best] as number))) best = i;
  }
  return best;
}

/** Median of the finite values in curve[from, to) (indices clamped). */
export function medianOf(curve: Curve, from: number, to: number): number {
  return median(finiteValues(curve.slice(Math.max(0, from), Math.max(0, to))));
}

/** Most points the O(n²) Theil–Sen estimate looks at; longer curves are thinned evenly. */
const THEIL_SEN_MAX_POINTS = 300;

/**
 * Theil–Sen slope (median of pairwise slopes) of the finite points: a trend estimate that one
 * spike cannot swing. Per epoch (per index). Long curves (thousands of epochs or batches) are
 * thinned to every k-th point, which keeps the estimate and bounds the work.
 */
export function theilSenSlope(curve: Curve): number {
  const points: [number, number][] = [];
  curve.forEach((v, i) => isFiniteNumber(v) && points.push([i, v]));
  const step = Math.ceil(points.length / THEIL_SEN_MAX_POINTS);
  const kept = step > 1 ? points.filter((_, i) => i % step === 0) : points;
  const slopes: number[] = [];
  for (let a = 0; a < kept.length; a++) {
    for (let b = a + 1; b < kept.length; b++) slopes.push((kept[b]![1] - kept[a]![1]) / (kept[b]![0] - kept[a]![0]));
  }
  return slopes.length ? median(slopes) : 0;
}

/** Formats a loss value with 3 significant digits (no exponent for ordinary magnitudes). */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(2);
  return Number(value.toPrecision(3)).toString();
}

/** Formats a fraction as a whole percentage. */
export function pct(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
