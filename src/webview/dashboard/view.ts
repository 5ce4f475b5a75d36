/**
 * The dashboard page: the checklist summary, the run list (pick runs to overlay, export, go to the
 * cell), the charts and the findings of the runs on screen.
 */
import type { ChecklistStep } from '../../protocol/findings';
import type { Run } from '../../protocol/run';
import type { DashboardToHost } from '../../protocol/webview';
import type { ChartJs, ChartLook } from '../shared/chartPanel';
import { ChartGrid } from '../shared/chartGrid';
import { buildChartSpecs } from '../shared/chartSpecs';
import { h } from '../shared/dom';
import { findingsList } from '../shared/findingsView';
import { formatNumber } from '../shared/format';
import { describeModel } from '../shared/modelSummary';
import { runName, runRow } from '../shared/runTable';
import { composePng, pngName } from './png';
import type { DashboardModel } from './model';

export class DashboardView {
  private readonly grid: ChartGrid;
  private readonly runList: HTMLElement;
  private readonly checklist: HTMLElement;
  private readonly findings: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly title: HTMLElement;

  constructor(chartJs: ChartJs, root: HTMLElement, private readonly model: DashboardModel, private look: ChartLook, private readonly post: (msg: DashboardToHost) => void, private readonly onSelect: () => void) {
    this.title = h('span', { class: 'notebook-name' });
    const saveAll = h('button', { type: 'button', id: 'save-all-png', title: 'Save all charts as one PNG image' }, 'Save charts as PNG');
    saveAll.addEventListener('click', () => this.saveAllPng());
    this.checklist = h('section', { class: 'checklist-summary', 'aria-label': 'Workflow checklist' });
    this.runList = h('ul', { class: 'run-list', 'aria-label': 'Runs' });
    const charts = h('div', { class: 'charts' });
    this.findings = h('section', { class: 'findings-panel', 'aria-label': 'Findings' });
    this.empty = h('p', { class: 'empty' }, 'No runs yet. Run a cell that calls model.fit(...) and its curves appear here as it trains.');
    root.replaceChildren(
      h('header', { class: 'top' }, h('h1', {}, 'Training dashboard'), this.title, saveAll),
      this.checklist,
      h('div', { class: 'layout' },
        h('aside', { class: 'runs' },
          h('h2', {}, 'Runs'),
          h('p', { class: 'hint' }, 'Tick several runs to overlay them.'),
          h('p', { class: 'run-list-actions' },
            this.button('Overlay all', 'Overlay every run of the notebook (baseline vs L2 vs Dropout)', () => this.choose(this.model.runs.map((r) => r.id))),
            this.button('Latest only', 'Show only the newest run', () => this.choose(this.model.runs.slice(-1).map((r) => r.id)))),
          this.runList),
        h('main', {}, this.empty, charts, this.findings)),
    );
    this.grid = new ChartGrid(chartJs, charts, look, {
      compact: false,
      hookPrefix: '',
      decorate: (header, spec, panel) => {
        const button = h('button', { type: 'button', class: 'icon', title: `Save the ${spec.title} chart as PNG` }, 'PNG');
        // Drawn on the page's background with its title: a transparent PNG of a dark theme's light text is unreadable elsewhere.
        button.addEventListener('click', () => this.post({ type: 'savePng', name: pngName(spec.title), dataUrl: composePng([{ title: spec.title, canvas: panel().canvas }], pageBackground(), this.look) }));
        header.append(button);
      },
    });
  }

  render(change: 'all' | 'data' | 'runs' | 'checklist'): void {
    if (change === 'all' || change === 'checklist') this.renderChecklist(this.model.checklist);
    if (change === 'all' || change === 'runs') this.renderRuns();
    if (change !== 'checklist') this.renderCharts();
    if (change === 'all' || change === 'runs') this.renderFindings();
  }

  setLook(look: ChartLook): void {
    this.look = look;
    this.grid.setLook(look);
    this.renderCharts();
  }

  private renderCharts(): void {
    const entries = this.model.selectedRuns().map((run) => ({ run, findings: this.model.findings[run.id] ?? [], name: runName(this.model.runs, run.id) }));
    this.empty.hidden = this.model.runs.length > 0;
    this.grid.show(buildChartSpecs(entries, { smoothing: this.model.smoothing, palette: this.look.palette }));
    this.renderRunLiveStats();
  }

  private renderRuns(): void {
    const name = this.model.notebook ? decodeURIComponent(this.model.notebook.split('/').pop() ?? '') : '';
    this.title.textContent = name;
    this.title.title = this.model.notebook ?? '';
    this.runList.replaceChildren(...[...this.model.runs].reverse().map((run) => this.runItem(run)));
  }

  private runItem(run: Run): HTMLElement {
    const selectedIndex = this.model.selected.indexOf(run.id);
    const checkbox = h('input', { type: 'checkbox', 'aria-label': `Overlay ${run.label}` });
    checkbox.checked = selectedIndex >= 0;
    checkbox.addEventListener('change', () => {
      const others = this.model.selected.filter((id) => id !== run.id);
      this.choose(checkbox.checked ? [...others, run.id] : others);
    });
    const overlay = this.model.selected.length > 1;
    const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    if (overlay && selectedIndex >= 0) swatch.style.background = this.look.palette.series[selectedIndex % this.look.palette.series.length];
    const summary = describeModel(run.model);
    const buttons = h('span', { class: 'run-actions' },
      this.button('CSV', `Save ${run.label} history as CSV (Keras CSVLogger columns)`, () => this.post({ type: 'export', runId: run.id, format: 'csv' })),
      this.button('JSON', `Save ${run.label} as JSON`, () => this.post({ type: 'export', runId: run.id, format: 'json' })),
      run.cell ? this.button('Cell', 'Show the cell this run came from', () => this.post({ type: 'revealCell', runId: run.id })) : null);
    return h('li', { class: `run ${run.status}${selectedIndex >= 0 ? ' selected' : ''}`, 'data-run': run.id },
      h('label', {}, checkbox, swatch, h('span', { class: 'run-number' }, `#${this.model.runs.indexOf(run) + 1}`), h('span', { class: 'run-label' }, run.label || summary)),
      run.label && run.label !== summary ? h('span', { class: 'run-model' }, summary) : null,
      h('span', { class: 'run-stats' }, runStats(run)),
      buttons);
  }

  /** Epoch counts and losses of running runs change with every delta; only their stats line is redrawn. */
  private renderRunLiveStats(): void {
    for (const run of this.model.runs) {
      if (run.status !== 'running') continue;
      const stats = this.runList.querySelector(`li[data-run="${CSS.escape(run.id)}"] .run-stats`);
      if (stats) stats.textContent = runStats(run);
    }
  }

  private renderChecklist(steps: readonly ChecklistStep[]): void {
    if (steps.length === 0) {
      this.checklist.replaceChildren();
      return;
    }
    const done = steps.filter((s) => s.status !== 'todo').length;
    this.checklist.replaceChildren(
      h('span', { class: 'checklist-count' }, `Workflow: ${done} of ${steps.length} steps done`),
      h('ol', {}, ...steps.map((s) => h('li', { class: `step ${s.status}`, title: [s.title, s.why, s.evidence].filter(Boolean).join('\n') },
        h('span', { class: 'step-mark', 'aria-hidden': 'true' }, s.status === 'todo' ? String(s.number) : '✓'),
        h('span', { class: 'step-title' }, s.title)))));
  }

  private renderFindings(): void {
    const runs = this.model.selectedRuns();
    const overlay = runs.length > 1;
    const blocks = runs.flatMap((run) => {
      const findings = this.model.findings[run.id] ?? [];
      return findings.length === 0 ? [] : [h('div', { class: 'run-findings' }, overlay ? h('h3', {}, run.label) : null, findingsList(findings, { maxActions: 3 }))];
    });
    this.findings.replaceChildren(...(blocks.length > 0 ? [h('h2', {}, 'Findings'), ...blocks] : []));
  }

  /** The user picked the runs to overlay: redraw, tell the host, remember it across reloads. */
  private choose(runIds: string[]): void {
    this.model.select(runIds);
    this.post({ type: 'select', runIds: this.model.selected });
    this.onSelect();
    this.render('runs');
  }

  private button(text: string, title: string, onClick: () => void): HTMLButtonElement {
    const b = h('button', { type: 'button', class: 'small', title }, text);
    b.addEventListener('click', onClick);
    return b;
  }

  private saveAllPng(): void {
    const panels = this.grid.panels();
    if (panels.length === 0) return;
    this.post({ type: 'savePng', name: 'fitlab-charts.png', dataUrl: composePng(panels.map((p) => ({ title: p.title, canvas: p.panel.canvas })), pageBackground(), this.look) });
  }
}

function pageBackground(): string {
  const color = getComputedStyle(document.body).backgroundColor;
  return !color || color === 'rgba(0, 0, 0, 0)' || color === 'transparent' ? '#ffffff' : color;
}

function runStats(run: Run): string {
  const row = runRow(run);
  const parts = [`${row.epochs}${run.status === 'running' ? `/${run.params.epochs}` : ''} epochs`];
  if (row.bestValLoss !== null) parts.push(`best val_loss ${formatNumber(row.bestValLoss)} @ ${row.bestEpoch}`);
  else if (row.finalLoss !== null) parts.push(`loss ${formatNumber(row.finalLoss)}`);
  parts.push(row.status);
  return parts.join(' · ');
}
