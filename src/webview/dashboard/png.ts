/** Chart images for export: one chart's canvas, or all charts stacked into one PNG. */
import type { ChartLook } from '../shared/chartPanel';

/** A file name the host accepts (letters, digits, space, dot, dash, underscore). */
export function pngName(title: string): string {
  return `${title.replace(/[^\w .-]+/g, '-').slice(0, 90) || 'chart'}.png`;
}

/** Draws the charts one under another on the page's background, each with its title. */
export function composePng(charts: { title: string; canvas: HTMLCanvasElement }[], background: string, look: ChartLook): string {
  const gap = 8;
  const titleHeight = look.font.size + 10;
  const width = Math.max(...charts.map((c) => c.canvas.width));
  const height = charts.reduce((sum, c) => sum + titleHeight + c.canvas.height + gap, gap);
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d');
  if (!ctx) return charts[0].canvas.toDataURL('image/png');
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, width, height);
  let y = gap;
  for (const chart of charts) {
    ctx.fillStyle = look.palette.foreground;
    ctx.font = `bold ${look.font.size + 1}px ${look.font.family}`;
    ctx.textBaseline = 'top';
    ctx.fillText(chart.title, 8, y + 2);
    y += titleHeight;
    ctx.drawImage(chart.canvas, 0, y);
    y += chart.canvas.height + gap;
  }
  return out.toDataURL('image/png');
}
