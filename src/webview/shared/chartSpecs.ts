/**
 * Which charts to draw for the runs on screen, as plain data: one chart of losses (epoch loss and
 * val_loss over the light per-batch loss), one per metric, and the learning rate on a log scale.
 * One run is drawn in series colours (training solid, validation dashed); several runs are
 * overlaid with one colour per run. The chart.js layer, the report and the SVG image all draw these.
 */
import type { Finding } from '../../protocol/findings';
import type { Run } from '../../protocol/run';
import type { Point } from './decimate';
import { runMarkers } from './markers';
import { buildRunSeries, type Series } from './series';
import { smoothEma } from './smoothing';

export interface Palette {
  /** Colours for runs when overlaid, and for series of a single run (training, validation, ...). */
  series: readonly string[];
  foreground: string;
  grid: string;
  best: string;
  onset: string;
}

export interface DatasetSpec {
  label: string;
  points: Point[];
  color: string;
  dashed: boolean;
  /** The faint per-batch series: thin, no point markers, drawn under the epoch curves. */
  light: boolean;
  /** Reduce to the chart's width when drawn (long per-batch series). */
  decimate: boolean;
  runId: string;
  key: string;
}

export interface MarkerSpec {
  x: number;
  label: string;
  detail: string;
  color: string;
  kind: 'best' | 'onset';
  runId: string;
}

export interface ChartSpec {
  /** Stable id: "loss", "metric:acc", "lr". */
  id: string;
  title: string;
  yTitle: string;
  log: boolean;
  datasets: DatasetSpec[];
  markers: MarkerSpec[];
}

export interface RunEntry {
  run: Run;
  findings: readonly Finding[];
  /** How the run is named in overlays (default: its label); e.g. "#2 16-16" when runs share a label. */
  name?: string;
}

export interface SpecOptions {
  /** EMA weight for drawn curves, 0 (off) to 0.99. */
  smoothing: number;
  palette: Palette;
}

export function buildChartSpecs(entries: readonly RunEntry[], options: SpecOptions): ChartSpec[] {
  const { palette } = options;
  const overlay = entries.length > 1;
  const smooth = (points: Point[]) => smoothEma(points, options.smoothing);
  const loss: ChartSpec = { id: 'loss', title: 'Loss', yTitle: 'loss', log: false, datasets: [], markers: [] };
  const lr: ChartSpec = { id: 'lr', title: 'Learning rate', yTitle: 'learning rate (log)', log: true, datasets: [], markers: [] };
  const metrics = new Map<string, ChartSpec>();

  entries.forEach(({ run, findings, name = run.label }, runIndex) => {
    const series = buildRunSeries(run);
    const runColor = palette.series[runIndex % palette.series.length];
    const prefix = overlay ? `${name}: ` : '';
    // One run: each pair gets two neighbouring colours (loss blue, val_loss orange), the validation
    // one dashed. Overlaid runs: one colour per run, validation dashed.
    const colorOf = (s: Series, pair: number) => (overlay ? runColor : palette.series[(pair * 2 + (s.role === 'val' ? 1 : 0)) % palette.series.length]);
    const epochDataset = (s: Series, color: string): DatasetSpec => ({
      label: prefix + s.key, points: smooth(s.points), color, dashed: s.role === 'val', light: false, decimate: false, runId: run.id, key: s.key,
    });
    const pairIndex = pairColors(series.losses);
    if (!overlay && series.batchLoss.length > 0) {
      loss.datasets.push({ label: 'batch loss', points: smooth(series.batchLoss), color: palette.series[0], dashed: false, light: true, decimate: true, runId: run.id, key: 'batch_loss' });
    }
    series.losses.forEach((s) => loss.datasets.push(epochDataset(s, colorOf(s, pairIndex.get(s.key) ?? 0))));
    for (const group of series.metrics) {
      let chart = metrics.get(group.base);
      if (!chart) metrics.set(group.base, (chart = { id: `metric:${group.base}`, title: group.base, yTitle: group.base, log: false, datasets: [], markers: [] }));
      const metricPairs = pairColors(group.series);
      for (const s of group.series) chart.datasets.push(epochDataset(s, colorOf(s, metricPairs.get(s.key) ?? 0)));
    }
    if (series.lr.length > 0) {
      lr.datasets.push({ label: overlay ? name : 'learning rate', points: series.lr, color: overlay ? runColor : palette.series[3 % palette.series.length], dashed: false, light: false, decimate: true, runId: run.id, key: 'lr' });
    }
    for (const marker of runMarkers(run, findings)) {
      // Overlaid, every run's best-epoch line would crowd the chart: only onsets are marked there.
      if (overlay && marker.kind === 'best') continue;
      const color = overlay ? runColor : marker.kind === 'best' ? palette.best : palette.onset;
      loss.markers.push({ x: marker.x, label: prefix + marker.label, detail: prefix + marker.detail, color, kind: marker.kind, runId: run.id });
    }
  });
  for (const chart of metrics.values()) chart.markers = loss.markers;
  return [loss, ...metrics.values(), lr].filter((c) => c.datasets.length > 0);
}

/** Pair index per key: training series count up, each validation series takes its pair's index. */
function pairColors(series: readonly Series[]): Map<string, number> {
  const index = new Map<string, number>();
  let next = 0;
  for (const s of series) if (s.role === 'train') index.set(s.key, next++);
  for (const s of series) if (s.role === 'val') index.set(s.key, index.get(s.key.slice(4)) ?? next++);
  return index;
}
