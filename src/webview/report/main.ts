/**
 * report.html's script (inlined into the file, so the report opens offline): draws each run's
 * charts and an overlay of all runs from the data embedded in the page.
 */
import type { ReportPageData } from '../../report/reportData';
import { ChartGrid } from '../shared/chartGrid';
import { loadChartJs } from '../shared/chartPanel';
import { buildChartSpecs } from '../shared/chartSpecs';
import { runName } from '../shared/runTable';
import { readFont, readPalette } from '../shared/theme';

async function start(): Promise<void> {
  const dataElement = document.getElementById('fitlab-report-data');
  if (!dataElement?.textContent) return;
  const data = JSON.parse(dataElement.textContent) as ReportPageData;
  const chartJs = await loadChartJs();
  const look = { palette: readPalette(), font: readFont() };
  const draw = (container: HTMLElement | null, runIds: string[], hookPrefix: string) => {
    if (!container) return;
    const entries = runIds.map((id) => data.runs.find((r) => r.id === id)).filter((r) => r !== undefined).map((run) => ({ run, findings: data.findings[run.id] ?? [], name: runName(data.runs, run.id) }));
    if (entries.length === 0) return;
    container.replaceChildren();
    new ChartGrid(chartJs, container, look, { compact: false, hookPrefix }).show(buildChartSpecs(entries, { smoothing: 0, palette: look.palette }));
  };
  if (data.runs.length > 1) draw(document.getElementById('overlay-charts'), data.runs.map((r) => r.id), 'overlay/');
  for (const element of document.querySelectorAll<HTMLElement>('[data-run-charts]')) {
    const id = element.dataset.runCharts ?? '';
    draw(element, [id], `${id}/`);
  }
  document.body.classList.add('charts-ready');
}

void start();
