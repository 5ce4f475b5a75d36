/**
 * Decimation of what is drawn, never of the data: a long series is reduced to the points that
 * change what a chart of a given width looks like. Min-max per pixel bucket keeps every spike
 * (a diverging batch stays visible), unlike averaging, and costs one pass.
 */

export interface Point {
  x: number;
  y: number | null;
}

/**
 * At most about 2 points per bucket (its first, min, max and last, in x order, deduplicated),
 * with `buckets` usually the chart's width in pixels. Null values (NaN losses) are kept as gaps.
 * Series with no more than `4 * buckets` points are returned unchanged.
 */
export function decimateMinMax(points: readonly Point[], buckets: number): Point[] {
  const n = points.length;
  const width = Math.max(1, Math.floor(buckets));
  if (n <= 4 * width) return points.slice();
  const x0 = points[0].x;
  const span = points[n - 1].x - x0 || 1;
  const out: Point[] = [];
  let start = 0;
  while (start < n) {
    const bucket = Math.min(width - 1, Math.floor(((points[start].x - x0) / span) * width));
    let end = start;
    while (end + 1 < n && Math.min(width - 1, Math.floor(((points[end + 1].x - x0) / span) * width)) === bucket) end++;
    out.push(...bucketExtremes(points, start, end));
    start = end + 1;
  }
  return out;
}

/** The first, min, max and last point of points[start..end], in x order, each once; a gap stays a gap. */
function bucketExtremes(points: readonly Point[], start: number, end: number): Point[] {
  let min = -1;
  let max = -1;
  let gap = -1;
  for (let i = start; i <= end; i++) {
    const y = points[i].y;
    if (y === null) {
      if (gap < 0) gap = i;
      continue;
    }
    if (min < 0 || y < (points[min].y as number)) min = i;
    if (max < 0 || y > (points[max].y as number)) max = i;
  }
  const keep = new Set([start, end, min, max, gap].filter((i) => i >= 0));
  return [...keep].sort((a, b) => a - b).map((i) => points[i]);
}
