/**
 * The notebook renderer for Fitlab run outputs (RUN_MIME): the run's curves, small, in the cell's
 * output, updated in place as the host replaces the output with newer snapshots during the fit.
 */
import { RUN_MIME } from '../../protocol/display';
import type { RunOutput } from '../../protocol/webview';
import { loadChartJs } from '../shared/chartPanel';
import { h } from '../shared/dom';
import { readFont, readPalette } from '../shared/theme';
import type { OutputItem, RendererApi, RendererContext } from './rendererApi';
import { RunOutputView } from './runOutputView';
import { ensureStyles } from './styles';

export function activate(_context: RendererContext): RendererApi {
  const views = new Map<string, RunOutputView>();
  const look = () => ({ palette: readPalette(), font: readFont() });
  // The notebook webview switches themes by changing the body class and the --vscode-* variables.
  const observer = new MutationObserver(() => {
    const current = look();
    for (const view of views.values()) view.setLook(current);
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });

  return {
    async renderOutputItem(item: OutputItem, element: HTMLElement) {
      // Awaited first, so the lookup and creation below run without a gap: snapshots arriving in
      // quick succession update one view instead of racing to create two.
      const chartJs = await loadChartJs();
      ensureStyles(element);
      const output = readOutput(item);
      if (typeof output === 'string') {
        views.get(item.id)?.dispose();
        views.delete(item.id);
        element.replaceChildren(h('p', { class: 'fitlab-error' }, output));
        return;
      }
      let view = views.get(item.id);
      if (!view || view.element !== element) {
        view?.dispose();
        view = new RunOutputView(chartJs, element, item.id, look());
        views.set(item.id, view);
      }
      view.update(output);
    },
    disposeOutputItem(id?: string) {
      for (const [key, view] of views) {
        if (id !== undefined && key !== id) continue;
        view.dispose();
        views.delete(key);
      }
    },
  };
}

/** The output's RunOutput, or a one-line reason it cannot be drawn. */
function readOutput(item: OutputItem): RunOutput | string {
  let value: unknown;
  try {
    value = item.json();
  } catch (e) {
    return `Fitlab: the ${RUN_MIME} output is not valid JSON (${(e as Error).message}).`;
  }
  const output = value as Partial<RunOutput> | null;
  const run = output?.run;
  if (!run || typeof run !== 'object' || !Array.isArray(run.epochs) || typeof run.history !== 'object' || !run.batches) {
    return `Fitlab: the ${RUN_MIME} output has no run (expected { run, findings }).`;
  }
  return { run, findings: Array.isArray(output?.findings) ? output.findings : [] };
}
