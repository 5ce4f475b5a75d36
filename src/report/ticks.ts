/** Axis ticks for the static SVG charts: round numbers on linear axes, 1-2-5 decades on log axes. */

/** About `count` ticks at multiples of 1, 2 or 5 times a power of ten, covering [min, max]. */
export function linearTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Powers of ten in [min, max]; with fewer than three of them, also 2x and 5x each power. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > 0)) return [];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  // Parsed rather than Math.pow(10, k), which gives 0.000009999999999999999 for k = -5.
  const decades = Array.from({ length: hi - lo + 1 }, (_, i) => Number(`1e${lo + i}`));
  const inRange = (v: number) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
  const powers = decades.filter(inRange);
  if (powers.length >= 3) return powers;
  const dense = decades.flatMap((p) => [p, 2 * p, 5 * p]).filter(inRange).map((v) => Number(v.toPrecision(6)));
  return dense.length > 0 ? dense : [min, max];
}
