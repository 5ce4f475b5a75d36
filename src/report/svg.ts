/**
 * A run's curves as a static SVG image: for .ipynb outputs (GitHub and Jupyter show it without
 * Fitlab) and the report's no-script fallback. The same chart specs as the live charts, drawn
 * with plain SVG attributes (no CSS, no script: image sanitizers keep it intact).
 */
import type { Finding } from '../protocol/findings';
import type { Run } from '../protocol/run';
import { buildChartSpecs, type ChartSpec, type DatasetSpec, type Palette } from '../webview/shared/chartSpecs';
import { decimateMinMax, type Point } from '../webview/shared/decimate';
import { formatNumber } from '../webview/shared/format';
import { linearTicks, logTicks } from './ticks';

/** Light colours that read on GitHub's white and Jupyter's default background. */
export const LIGHT_PALETTE: Palette = {
  series: ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#d62728', '#8c564b'],
  foreground: '#333333',
  grid: '#e3e3e3',
  best: '#2ca02c',
  onset: '#d62728',
};

const PANEL = { width: 360, height: 240, left: 52, right: 12, top: 46, bottom: 34 };
const FONT = 'font-family="-apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

/** Loss, the metrics and the learning rate of a run side by side, with its title and markers. */
export function renderRunSvg(run: Run, findings: Finding[]): string {
  const drawable = (spec: ChartSpec) => spec.datasets.some((d) => d.points.some((p) => p.y !== null));
  const specs = buildChartSpecs([{ run, findings }], { smoothing: 0, palette: LIGHT_PALETTE }).filter(drawable).slice(0, 3);
  return renderChartsSvg(specs, `${run.label} — ${run.epochs.length} epochs, ${run.status}`);
}

/** Charts side by side under a title, as one SVG document. */
export function renderChartsSvg(specs: readonly ChartSpec[], title: string): string {
  const width = Math.max(1, specs.length) * PANEL.width;
  const height = PANEL.height + 24;
  const panels = specs.map((spec, i) => `<g transform="translate(${i * PANEL.width},24)">${panelSvg(spec)}</g>`).join('');
  const empty = specs.length === 0 ? `<text x="12" y="60" fill="${LIGHT_PALETTE.foreground}" font-size="13" ${FONT}>No epochs recorded.</text>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}">`
    + `<rect width="100%" height="100%" fill="#ffffff"/>`
    + `<text x="8" y="17" fill="${LIGHT_PALETTE.foreground}" font-size="14" font-weight="600" ${FONT}>${esc(title)}</text>${panels}${empty}</svg>`;
}

function panelSvg(spec: ChartSpec): string {
  const plotW = PANEL.width - PANEL.left - PANEL.right;
  const plotH = PANEL.height - PANEL.top - PANEL.bottom;
  const all = spec.datasets.flatMap((d) => d.points).filter((p): p is { x: number; y: number } => p.y !== null && (!spec.log || p.y > 0));
  if (all.length === 0) return '';
  const xMax = Math.max(...all.map((p) => p.x), 1);
  let yMin = Math.min(...all.map((p) => p.y));
  let yMax = Math.max(...all.map((p) => p.y));
  if (yMin === yMax) [yMin, yMax] = spec.log ? [yMin / 2, yMax * 2] : [yMin - 0.5, yMax + 0.5];
  const sx = (x: number) => PANEL.left + (x / xMax) * plotW;
  const sy = spec.log
    ? (y: number) => PANEL.top + plotH - ((Math.log10(y) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * plotH
    : (y: number) => PANEL.top + plotH - ((y - yMin) / (yMax - yMin)) * plotH;
  const { foreground, grid } = LIGHT_PALETTE;
  const parts: string[] = [];
  parts.push(`<text x="${PANEL.left}" y="14" fill="${foreground}" font-size="13" font-weight="600" ${FONT}>${esc(spec.title)}</text>`);
  for (const t of spec.log ? logTicks(yMin, yMax) : linearTicks(yMin, yMax, 5)) {
    const y = sy(t).toFixed(1);
    parts.push(`<line x1="${PANEL.left}" x2="${PANEL.left + plotW}" y1="${y}" y2="${y}" stroke="${grid}" stroke-width="1"/>`);
    parts.push(`<text x="${PANEL.left - 5}" y="${y}" fill="${foreground}" font-size="10" text-anchor="end" dominant-baseline="middle" ${FONT}>${formatNumber(t)}</text>`);
  }
  for (const t of linearTicks(0, xMax, 5).filter((v) => Number.isInteger(v))) {
    const x = sx(t).toFixed(1);
    parts.push(`<line x1="${x}" x2="${x}" y1="${PANEL.top}" y2="${PANEL.top + plotH}" stroke="${grid}" stroke-width="1"/>`);
    parts.push(`<text x="${x}" y="${PANEL.top + plotH + 14}" fill="${foreground}" font-size="10" text-anchor="middle" ${FONT}>${t}</text>`);
  }
  parts.push(`<text x="${PANEL.left + plotW / 2}" y="${PANEL.height - 4}" fill="${foreground}" font-size="10" text-anchor="middle" ${FONT}>epoch</text>`);
  parts.push(`<rect x="${PANEL.left}" y="${PANEL.top}" width="${plotW}" height="${plotH}" fill="none" stroke="${grid}"/>`);
  const ordered = [...spec.datasets].sort((a, b) => Number(b.light) - Number(a.light));
  for (const d of ordered) parts.push(datasetPath(d, sx, sy, plotW, spec.log));
  for (const m of spec.markers) {
    const x = sx(m.x).toFixed(1);
    parts.push(`<line x1="${x}" x2="${x}" y1="${PANEL.top}" y2="${PANEL.top + plotH}" stroke="${m.color}" stroke-width="1.5" stroke-dasharray="${m.kind === 'onset' ? '6 4' : '2 3'}"><title>${esc(m.detail)}</title></line>`);
  }
  parts.push(legend(spec, PANEL.left, 30));
  return parts.join('');
}

function datasetPath(d: DatasetSpec, sx: (x: number) => number, sy: (y: number) => number, plotW: number, log: boolean): string {
  const points = d.decimate ? decimateMinMax(d.points, plotW) : d.points;
  const segments: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) segments.push('M' + current.join('L'));
    current = [];
  };
  for (const p of points as Point[]) {
    if (p.y === null || (log && p.y <= 0)) flush();
    else current.push(`${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`);
  }
  flush();
  if (segments.length === 0) return '';
  const dash = d.dashed ? ' stroke-dasharray="6 4"' : '';
  const look = d.light ? `stroke-width="1" stroke-opacity="0.35"` : `stroke-width="2"`;
  return `<path d="${segments.join('')}" fill="none" stroke="${d.color}" ${look}${dash} stroke-linejoin="round" data-key="${esc(d.key)}"><title>${esc(d.label)}</title></path>`;
}

function legend(spec: ChartSpec, x0: number, y: number): string {
  let x = x0;
  return spec.datasets.map((d) => {
    const dash = d.dashed ? ' stroke-dasharray="4 3"' : '';
    const item = `<line x1="${x}" x2="${x + 16}" y1="${y - 4}" y2="${y - 4}" stroke="${d.color}" stroke-width="2"${d.light ? ' stroke-opacity="0.4"' : ''}${dash}/>`
      + `<text x="${x + 20}" y="${y}" fill="${LIGHT_PALETTE.foreground}" font-size="10" ${FONT}>${esc(d.label)}</text>`;
    x += 28 + d.label.length * 6;
    return item;
  }).join('');
}

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
