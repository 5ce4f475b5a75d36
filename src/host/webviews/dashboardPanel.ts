/**
 * The training dashboard panel: one webview that shows one notebook's runs at a time (the
 * notebook that is training, else the active one), fed from the run store. Every message from
 * the page is checked with isDashboardToHost before anything is done with it.
 */
import * as vscode from 'vscode';
import type { DashboardToHost, HostToDashboard } from '../../protocol/webview';
import { isDashboardToHost } from '../../protocol/webview';
import type { RunStore, RunStoreChange } from '../../runs/runStore';
import { dashboardHtml, newNonce } from './dashboardHtml';
import { feedFor, initFor } from './dashboardFeed';
import { readPageState } from './pageState';
import { exportRun, savePng } from './dashboardFiles';

export const DASHBOARD_VIEW_TYPE = 'fitlab.dashboard';
const TITLE = 'Training Dashboard';

export class DashboardPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private notebook: string | null = null;
  /** Overlaid runs per notebook, kept while the panel is closed too. */
  private readonly selections = new Map<string, string[]>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly store: RunStore) {
    const unsubscribe = store.onDidChange((change) => this.onStoreChange(change));
    this.disposables.push(
      { dispose: unsubscribe },
      vscode.window.onDidChangeActiveNotebookEditor((editor) => {
        // Focus moving to the dashboard itself leaves no active notebook: keep showing the last one.
        // A notebook Fitlab has nothing for (a Python .ipynb) does not blank the dashboard either.
        if (!editor) return;
        const uri = editor.notebook.uri.toString();
        if (editor.notebook.notebookType === 'fitlab-notebook' || this.store.runs(uri).length > 0) this.show(uri);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('fitlab.charts')) this.sendInit();
      }),
    );
  }

  /** Creates or reveals the panel beside the notebook, showing `notebook` (default: the active one). */
  open(notebook?: string, selectedRunIds?: string[]): void {
    const target = notebook ?? vscode.window.activeNotebookEditor?.notebook.uri.toString() ?? this.notebook ?? this.store.lastRun()?.notebook ?? null;
    if (target && selectedRunIds) this.selections.set(target, selectedRunIds);
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      this.notebook = target;
      this.sendInit();
      return;
    }
    this.notebook = target;
    const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, TITLE, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions());
    this.attach(panel);
  }

  /** Takes over a panel VS Code restored after a reload, with the state the page saved. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const saved = readPageState(state);
    this.notebook = saved.notebook ?? vscode.window.activeNotebookEditor?.notebook.uri.toString() ?? null;
    if (this.notebook && saved.selected.length > 0 && !this.selections.has(this.notebook)) this.selections.set(this.notebook, saved.selected);
    panel.webview.options = this.webviewOptions();
    this.attach(panel);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    const root = this.context.extensionUri;
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(root, 'media'), vscode.Uri.joinPath(root, 'dist')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    panel.title = TITLE;
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'media');
    panel.iconPath = { light: vscode.Uri.joinPath(media, 'dashboard-light.svg'), dark: vscode.Uri.joinPath(media, 'dashboard-dark.svg') };
    const webview = panel.webview;
    const asUri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...path)).toString();
    webview.html = dashboardHtml({ cspSource: webview.cspSource, scriptUri: asUri('dist', 'webview', 'dashboard.js'), styleUri: asUri('media', 'dashboard.css'), nonce: newNonce() });
    const subscriptions = [
      webview.onDidReceiveMessage((msg: unknown) => {
        if (!isDashboardToHost(msg)) return; // untrusted input: ignore anything off-protocol
        this.handle(msg).catch((e: unknown) => void vscode.window.showErrorMessage(`Fitlab: ${e instanceof Error ? e.message : String(e)}`));
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = undefined;
        subscriptions.forEach((s) => s.dispose());
      }),
    ];
  }

  private async handle(msg: DashboardToHost): Promise<void> {
    const notebook = this.notebook;
    switch (msg.type) {
      case 'ready':
        this.sendInit();
        return;
      case 'select':
        if (notebook) this.selections.set(notebook, msg.runIds.filter((id) => this.store.run(notebook, id)));
        return;
      case 'export': {
        const run = notebook ? this.store.run(notebook, msg.runId) : undefined;
        if (!run) throw new Error(`run ${msg.runId} is no longer in this notebook, so it cannot be exported.`);
        await exportRun(notebook, run, msg.format);
        return;
      }
      case 'savePng':
        await savePng(notebook, msg.name, msg.dataUrl);
        return;
      case 'revealCell':
        if (notebook) await this.revealCell(notebook, msg.runId);
        return;
    }
  }

  private async revealCell(notebook: string, runId: string): Promise<void> {
    const index = this.store.run(notebook, runId)?.cell?.index;
    const document = vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === notebook);
    if (index === undefined || !document) throw new Error(`the cell of run ${runId} is not in an open notebook.`);
    if (index >= document.cellCount) throw new Error(`run ${runId} came from cell ${index + 1}, but the notebook now has ${document.cellCount} cells.`);
    const range = new vscode.NotebookRange(index, index + 1);
    const visible = vscode.window.visibleNotebookEditors.find((e) => e.notebook === document);
    const editor = await vscode.window.showNotebookDocument(document, { viewColumn: visible?.viewColumn, selections: [range] });
    editor.revealRange(range, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Switches the panel to another notebook (when it is open). */
  private show(notebook: string): void {
    if (!this.panel || notebook === this.notebook) return;
    this.notebook = notebook;
    this.sendInit();
  }

  private onStoreChange(change: RunStoreChange): void {
    if (!this.panel) return;
    const action = feedFor(change, this.notebook, this.store);
    if (action.kind === 'post') action.messages.forEach((m) => this.post(m));
    else if (action.kind === 'switch') this.show(action.notebook);
    else if (action.kind === 'init') this.sendInit();
  }

  private sendInit(): void {
    const selected = this.notebook ? (this.selections.get(this.notebook) ?? []) : [];
    this.post(initFor(this.store, this.notebook, selected, chartSmoothing()));
  }

  private post(msg: HostToDashboard): void {
    // A hidden panel drops messages; it asks for `init` again ('ready') when it is shown.
    void this.panel?.webview.postMessage(msg);
  }
}

/** fitlab.charts.smoothing, clamped to what the charts accept. */
function chartSmoothing(): number {
  const value = vscode.workspace.getConfiguration('fitlab').get<unknown>('charts.smoothing');
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(0.99, Math.max(0, value)) : 0;
}
