/**
 * The charts of a view (dashboard or notebook output) kept in step with a list of ChartSpecs:
 * existing charts are updated in place, new ones created, vanished ones destroyed.
 */
import { ChartPanel, type ChartJs, type ChartLook } from './chartPanel';
import type { ChartSpec } from './chartSpecs';
import { chartSummary } from './chartSummary';
import { h } from './dom';
import { exposeChart } from './testHook';

interface Slot {
  figure: HTMLElement;
  notes: HTMLElement;
  panel: ChartPanel;
}

export interface ChartGridOptions {
  compact: boolean;
  /** Key prefix for the test hook (several notebook outputs share one page). */
  hookPrefix: string;
  /** Adds buttons to a chart's header (the dashboard's "PNG" button). */
  decorate?: (header: HTMLElement, spec: ChartSpec, panel: () => ChartPanel) => void;
}

export class ChartGrid {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly chartJs: ChartJs, readonly container: HTMLElement, private look: ChartLook, private readonly options: ChartGridOptions) {}

  show(specs: readonly ChartSpec[]): void {
    const ids = new Set(specs.map((s) => s.id));
    for (const [id, slot] of this.slots) {
      if (ids.has(id)) continue;
      slot.panel.destroy();
      slot.figure.remove();
      this.slots.delete(id);
      exposeChart(this.options.hookPrefix + id, undefined);
    }
    specs.forEach((spec, index) => {
      const slot = this.slots.get(spec.id) ?? this.create(spec);
      slot.panel.update(spec);
      slot.panel.canvas.setAttribute('aria-label', chartSummary(spec));
      // The explanations go under the loss chart only; other charts just show the lines.
      if (spec.id === 'loss') slot.notes.replaceChildren(...spec.markers.map((m) => h('li', { class: `marker-note ${m.kind}` }, m.detail)));
      if (this.container.children[index] !== slot.figure) this.container.insertBefore(slot.figure, this.container.children[index] ?? null);
    });
  }

  setLook(look: ChartLook): void {
    this.look = look;
    for (const slot of this.slots.values()) slot.panel.setLook(look);
  }

  panels(): { id: string; title: string; panel: ChartPanel }[] {
    return [...this.slots].map(([id, slot]) => ({ id, title: slot.panel.spec.title, panel: slot.panel }));
  }

  dispose(): void {
    for (const [id, slot] of this.slots) {
      slot.panel.destroy();
      exposeChart(this.options.hookPrefix + id, undefined);
    }
    this.slots.clear();
    this.container.replaceChildren();
  }

  private create(spec: ChartSpec): Slot {
    const canvas = h('canvas', { role: 'img', 'aria-label': `${spec.title} chart` });
    const header = h('header', { class: 'chart-header' }, h('h3', {}, spec.title));
    const notes = h('ul', { class: 'marker-notes' });
    const figure = h('figure', { class: `chart chart-${spec.id.replace(/\W/g, '-')}`, 'data-chart': spec.id }, header, h('div', { class: 'chart-canvas' }, canvas), notes);
    this.container.append(figure);
    const panel = new ChartPanel(this.chartJs, canvas, spec, this.look, { compact: this.options.compact });
    const slot = { figure, notes, panel };
    this.slots.set(spec.id, slot);
    this.options.decorate?.(header, spec, () => slot.panel);
    exposeChart(this.options.hookPrefix + spec.id, panel);
    return slot;
  }
}
