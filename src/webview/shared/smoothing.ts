/**
 * Exponential moving average of drawn curves (TensorBoard's smoothing slider): noisy per-batch
 * losses become readable without hiding the trend. Debiased so the start is not pulled to zero.
 */
import type { Point } from './decimate';

/** `weight` in [0, 1): 0 returns the points unchanged; 0.9 is heavy smoothing. Gaps (null) are kept. */
export function smoothEma(points: readonly Point[], weight: number): Point[] {
  const w = Math.min(0.99, Math.max(0, weight));
  if (w === 0) return points.slice();
  let last = 0;
  let steps = 0;
  return points.map((p) => {
    if (p.y === null || !Number.isFinite(p.y)) return { x: p.x, y: null };
    last = last * w + (1 - w) * p.y;
    steps++;
    return { x: p.x, y: last / (1 - Math.pow(w, steps)) };
  });
}
