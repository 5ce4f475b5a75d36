/**
 * One chart.js line chart drawn from a ChartSpec, updated in place as the spec changes (live
 * training replaces data many times a second: no animation, no re-creation, decimated to the
 * canvas width so 10,000 batches draw as fast as 100).
 */
// chart.js is an ES module and this project's TypeScript compiles as CommonJS, so its types are
// imported in 'import' resolution mode and its code is loaded with import() (esbuild inlines it).
import type { Chart, ChartDataset, Plugin, ScatterDataPoint } from 'chart.js' with { 'resolution-mode': 'import' };
import type { ChartSpec, MarkerSpec, Palette } from './chartSpecs';
import { decimateMinMax } from './decimate';
import { formatNumber } from './format';
import { countChart } from './testHook';

/** The chart.js module, as loadChartJs returns it. */
export type ChartJs = typeof import('chart.js', { with: { 'resolution-mode': 'import' } });

let loading: Promise<ChartJs> | undefined;

/** chart.js with only the parts a line chart needs registered (keeps the bundles small). */
export function loadChartJs(): Promise<ChartJs> {
  return (loading ??= import('chart.js').then((mod) => {
    const m = mod as unknown as ChartJs;
    m.Chart.register(m.LineController, m.LineElement, m.PointElement, m.LinearScale, m.LogarithmicScale, m.Legend, m.Tooltip);
    return m;
  }));
}

interface MarkerOptions {
  markers: MarkerSpec[];
  font: string;
}

/** The markers of each chart (kept beside chart.js's options, whose types are closed). */
const markersOf = new WeakMap<object, MarkerOptions>();

/** Vertical lines at the best epoch and the overfitting onset, labelled at the top. */
const markerPlugin: Plugin<'line'> = {
  id: 'fitlabMarkers',
  afterDatasetsDraw(chart) {
    const options = markersOf.get(chart);
    const x = chart.scales.x;
    if (!options || !x) return;
    const { ctx, chartArea } = chart;
    options.markers.forEach((marker, i) => {
      const px = x.getPixelForValue(marker.x);
      if (px < chartArea.left - 1 || px > chartArea.right + 1) return;
      ctx.save();
      ctx.strokeStyle = marker.color;
      ctx.fillStyle = marker.color;
      ctx.lineWidth = 1.5;
      ctx.setLineDash(marker.kind === 'onset' ? [6, 4] : [2, 3]);
      ctx.beginPath();
      ctx.moveTo(px, chartArea.top);
      ctx.lineTo(px, chartArea.bottom);
      ctx.stroke();
      ctx.font = options.font;
      ctx.textBaseline = 'top';
      const width = ctx.measureText(marker.label).width;
      const right = px + 4 + width <= chartArea.right;
      ctx.textAlign = right ? 'left' : 'right';
      ctx.fillText(marker.label, right ? px + 4 : px - 4, chartArea.top + 2 + i * 14);
      ctx.restore();
    });
  },
};

type LineDataset = ChartDataset<'line', ScatterDataPoint[]> & { fitlabKey: string; fitlabRunId: string; fitlabPoints: number };

export interface ChartLook {
  palette: Palette;
  font: { family: string; size: number };
}

export class ChartPanel {
  readonly chart: Chart<'line', ScatterDataPoint[]>;
  /** What is drawn, undecimated (tests and exports read it). */
  spec: ChartSpec;

  /** `chartJs` is the loaded module (see loadChartJs). */
  constructor(chartJs: ChartJs, readonly canvas: HTMLCanvasElement, spec: ChartSpec, private look: ChartLook, options: { compact?: boolean } = {}) {
    this.spec = spec;
    const { palette, font } = look;
    this.chart = new chartJs.Chart<'line', ScatterDataPoint[]>(canvas, {
      type: 'line',
      data: { datasets: [] },
      plugins: [markerPlugin],
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        spanGaps: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        font: { family: font.family, size: font.size },
        color: palette.foreground,
        scales: {
          x: { type: 'linear', min: 0, title: { display: !options.compact, text: 'epoch', color: palette.foreground }, grid: { color: palette.grid }, ticks: { color: palette.foreground, precision: 0 } },
          y: { type: spec.log ? 'logarithmic' : 'linear', title: { display: !options.compact, text: spec.yTitle, color: palette.foreground }, grid: { color: palette.grid }, ticks: { color: palette.foreground, callback: (v) => (this.spec.log ? logTickLabel(Number(v)) : formatNumber(Number(v))) } },
        },
        plugins: {
          legend: { display: true, labels: { color: palette.foreground, boxWidth: 18, boxHeight: 2, filter: (item) => item.text !== '' } },
          tooltip: { callbacks: { title: (items) => (items[0] ? `epoch ${formatNumber(items[0].parsed.x)}` : ''), label: (item) => `${item.dataset.label}: ${formatNumber(item.parsed.y)}` } },
        },
        // chart.js may report a first resize from inside its constructor, before `chart` is set.
        onResize: () => {
          if (this.chart as Chart<'line', ScatterDataPoint[]> | undefined) this.update(this.spec);
        },
      },
    });
    markersOf.set(this.chart, { markers: spec.markers, font: `${font.size}px ${font.family}` });
    countChart(1);
    this.update(spec);
  }

  /** Redraws with new data (same chart, datasets replaced). */
  update(spec: ChartSpec): void {
    this.spec = spec;
    const width = Math.max(50, Math.round(this.chart.chartArea?.width || this.canvas.clientWidth || 600));
    const { palette } = this.look;
    // Curves the user hid by clicking the legend stay hidden when live data replaces the datasets.
    const hidden = new Set(this.chart.data.datasets.filter((_, i) => !this.chart.isDatasetVisible(i)).map((d) => d.label));
    this.chart.data.datasets = spec.datasets.map((d): LineDataset => ({
      label: d.label,
      hidden: hidden.has(d.label),
      data: (d.decimate ? decimateMinMax(d.points, width) : d.points) as ScatterDataPoint[],
      borderColor: d.light ? withAlpha(d.color, 0.35) : d.color,
      backgroundColor: d.color,
      borderWidth: d.light ? 1 : 2,
      borderDash: d.dashed ? [6, 4] : [],
      pointRadius: d.light || d.key === 'lr' || d.points.length > 30 ? 0 : 2,
      pointHoverRadius: 3,
      order: d.light ? 2 : 1,
      stepped: d.key === 'lr' ? 'before' : false,
      fitlabKey: d.key,
      fitlabRunId: d.runId,
      fitlabPoints: d.points.length,
    }));
    const markers = markersOf.get(this.chart);
    if (markers) markers.markers = spec.markers;
    const y = this.chart.options.scales?.y;
    if (y) y.type = spec.log ? 'logarithmic' : 'linear';
    if (this.chart.options.color !== palette.foreground) this.restyle(palette);
    this.chart.update('none');
  }

  /** Applies a new theme (VS Code switched between light, dark and high contrast). */
  setLook(look: ChartLook): void {
    this.look = look;
    const markers = markersOf.get(this.chart);
    if (markers) markers.font = `${look.font.size}px ${look.font.family}`;
    this.restyle(look.palette);
    this.update(this.spec);
  }

  destroy(): void {
    this.chart.destroy();
    countChart(-1);
  }

  private restyle(palette: Palette): void {
    const o = this.chart.options;
    o.color = palette.foreground;
    for (const axis of [o.scales?.x, o.scales?.y]) {
      if (!axis) continue;
      if (axis.grid) axis.grid.color = palette.grid;
      if (axis.ticks) axis.ticks.color = palette.foreground;
      if ('title' in axis && axis.title) axis.title.color = palette.foreground;
    }
    const legend = o.plugins?.legend?.labels;
    if (legend) legend.color = palette.foreground;
  }
}

/** Log axes label only 1, 2 and 5 times a power of ten: every minor tick labelled is unreadable. */
function logTickLabel(value: number): string {
  if (!(value > 0)) return '';
  const mantissa = value / Math.pow(10, Math.floor(Math.log10(value) + 1e-9));
  return [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6) ? formatNumber(value) : '';
}

/** A CSS colour with transparency (hex, rgb() and named colours via the canvas parser). */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(color.trim());
  if (hex) {
    const n = parseInt(hex[1], 16);
    return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  const rgb = /^rgba?\(([^)]+)\)$/i.exec(color.trim());
  if (rgb) {
    const [r, g, b] = rgb[1].split(/[ ,/]+/);
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  return color;
}
