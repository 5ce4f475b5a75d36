/**
 * A window property tests set before loading a bundle (`window.__fitlabTest = true`) to get the
 * live chart panels back in `window.__fitlabCharts`. Absent in VS Code, where nothing is exposed.
 */
import type { ChartPanel } from './chartPanel';

interface TestWindow {
  __fitlabTest?: boolean;
  __fitlabCharts?: Record<string, ChartPanel>;
  /** Charts created and not yet destroyed: a leak shows as a count that only grows. */
  __fitlabLiveCharts?: number;
}

export function countChart(delta: 1 | -1): void {
  const w = globalThis as unknown as TestWindow;
  if (w.__fitlabTest) w.__fitlabLiveCharts = (w.__fitlabLiveCharts ?? 0) + delta;
}

export function exposeChart(key: string, panel: ChartPanel | undefined): void {
  const w = globalThis as unknown as TestWindow;
  if (!w.__fitlabTest) return;
  const charts = (w.__fitlabCharts ??= {});
  if (panel) charts[key] = panel;
  else delete charts[key];
}
