/**
 * One run output in a notebook cell: a status line, the curves (small) and the key findings.
 * Created once per output and updated in place with each newer snapshot of the run.
 */
import type { RunOutput } from '../../protocol/webview';
import { ChartGrid } from '../shared/chartGrid';
import type { ChartJs, ChartLook } from '../shared/chartPanel';
import { buildChartSpecs } from '../shared/chartSpecs';
import { h } from '../shared/dom';
import { findingsList } from '../shared/findingsView';
import { formatNumber } from '../shared/format';
import { runRow } from '../shared/runTable';

/** Findings shown under the curves: the ones that say what to do next, most severe first. */
const MAX_FINDINGS = 4;
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export class RunOutputView {
  private readonly status: HTMLElement;
  private readonly grid: ChartGrid;
  private readonly findings: HTMLElement;
  private lastFindings = '';

  constructor(chartJs: ChartJs, readonly element: HTMLElement, readonly outputId: string, private look: ChartLook) {
    this.status = h('p', { class: 'status' });
    const charts = h('div', { class: 'charts' });
    this.findings = h('div', { class: 'findings-block' });
    element.replaceChildren(h('div', { class: 'fitlab-run' }, this.status, charts, this.findings));
    this.grid = new ChartGrid(chartJs, charts, look, { compact: true, hookPrefix: `${outputId}/` });
  }

  update(output: RunOutput): void {
    const { run, findings } = output;
    this.status.replaceChildren(...statusLine(output));
    this.grid.show(buildChartSpecs([{ run, findings }], { smoothing: 0, palette: this.look.palette }));
    const key = JSON.stringify(findings);
    if (key !== this.lastFindings) {
      this.lastFindings = key;
      const top = [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]).slice(0, MAX_FINDINGS);
      this.findings.replaceChildren(findingsList(top, { maxActions: 2 }));
    }
  }

  setLook(look: ChartLook): void {
    this.look = look;
    this.grid.setLook(look);
  }

  dispose(): void {
    this.grid.dispose();
    this.element.replaceChildren();
  }
}

function statusLine({ run }: RunOutput): (Node | string)[] {
  const row = runRow(run);
  const epochs = run.status === 'running' ? `epoch ${row.epochs}/${run.params.epochs}` : `${row.epochs} epochs`;
  const parts: (Node | string)[] = [h('b', {}, run.label), ` · ${epochs}`];
  if (row.finalLoss !== null) parts.push(` · loss ${formatNumber(row.finalLoss)}`);
  if (row.finalValLoss !== null) parts.push(` · val_loss ${formatNumber(row.finalValLoss)}`);
  if (row.bestValLoss !== null && run.status !== 'running') parts.push(` · best ${formatNumber(row.bestValLoss)} @ ${row.bestEpoch}`);
  parts.push(` · ${row.status}`);
  return parts;
}
