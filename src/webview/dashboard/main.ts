/**
 * The dashboard webview's entry: talks to the host (the only file that touches postMessage),
 * keeps the selection in the webview state so it survives hide/show and reloads, and redraws at
 * most once per animation frame however fast the fit streams.
 */
import type { DashboardToHost, HostToDashboard } from '../../protocol/webview';
import { loadChartJs } from '../shared/chartPanel';
import { readFont, readPalette } from '../shared/theme';
import type { DashboardPageState } from './model';
import { DashboardModel, type Change } from './model';
import { DashboardView } from './view';
import '../shared/vscodeApi';

async function start(): Promise<void> {
  const vscode = acquireVsCodeApi<DashboardPageState>();
  const post = (msg: DashboardToHost) => vscode.postMessage(msg);
  const model = new DashboardModel(vscode.getState());
  const look = () => ({ palette: readPalette(), font: readFont() });
  const chartJs = await loadChartJs();
  const root = document.getElementById('app') ?? document.body;
  const view = new DashboardView(chartJs, root, model, look(), post, () => vscode.setState(model.pageState()));

  const pending = new Set<Exclude<Change, 'none'>>();
  const flush = () => {
    if (pending.has('all')) view.render('all');
    else {
      if (pending.has('checklist')) view.render('checklist');
      // 'runs' redraws the charts too, so 'data' is only needed on its own.
      if (pending.has('runs')) view.render('runs');
      else if (pending.has('data')) view.render('data');
    }
    pending.clear();
  };
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (!isHostMessage(event.data)) return;
    const change = model.apply(event.data);
    if (change === 'none') return;
    if (change !== 'data') vscode.setState(model.pageState());
    if (pending.size === 0) requestAnimationFrame(flush);
    pending.add(change);
  });

  // VS Code switches themes by changing the body class and the CSS variables on <html>.
  const restyle = () => view.setLook(look());
  const observer = new MutationObserver(restyle);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });

  post({ type: 'ready' });
}

const HOST_TYPES = new Set(['init', 'runStarted', 'runDelta', 'runEnded', 'checklist']);

/** Only the host posts to this page, but a stray message must not break it. */
function isHostMessage(data: unknown): data is HostToDashboard {
  return typeof data === 'object' && data !== null && HOST_TYPES.has((data as { type?: unknown }).type as string);
}

void start();
