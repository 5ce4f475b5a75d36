/**
 * "$(beaker) Fitlab: wasm · idle" for the active notebook's kernel ("epoch 3/20" while it trains),
 * with the details in the tooltip; a click opens the kernel menu. Also keeps the context key the
 * Stop Training keybinding and menus use: fitlab.kernelBusy.
 */
import * as vscode from 'vscode';
import { isTrusted, UNTRUSTED_MESSAGE } from '../trust';
import type { KernelManager } from './kernelManager';
import { statusBarText, statusBarTooltip } from './statusText';

export const KERNEL_MENU_COMMAND = 'fitlab.kernelMenu';

export class KernelStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('fitlab.kernel', vscode.StatusBarAlignment.Left, 100);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly kernels: KernelManager,
    /** Whether Fitlab runs this notebook (so the item shows for it). */
    private readonly serves: (notebook: vscode.NotebookDocument) => boolean,
  ) {
    this.item.name = 'Fitlab Kernel';
    this.item.command = KERNEL_MENU_COMMAND;
    const unsubscribe = kernels.onDidChange(() => this.update());
    this.disposables.push(
      { dispose: unsubscribe },
      vscode.window.onDidChangeActiveNotebookEditor(() => this.update()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()),
      vscode.window.onDidChangeNotebookEditorSelection(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('fitlab.backend')) this.update();
      }),
    );
    this.update();
  }

  update(): void {
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    if (!notebook || !this.serves(notebook)) {
      this.item.hide();
      void this.setBusy(false);
      return;
    }
    if (!isTrusted()) {
      // VS Code asks for trust before it runs any cell; the item says why nothing runs meanwhile.
      this.item.text = '$(workspace-untrusted) Fitlab: Restricted Mode';
      this.item.tooltip = `${UNTRUSTED_MESSAGE}\nClick to manage workspace trust.`;
      this.item.command = 'workbench.trust.manage';
      this.item.backgroundColor = undefined;
      this.item.show();
      return;
    }
    this.item.command = KERNEL_MENU_COMMAND;
    const status = this.kernels.status(notebook.uri.toString());
    this.item.text = statusBarText(status);
    this.item.tooltip = statusBarTooltip(status);
    this.item.backgroundColor = status.state === 'dead' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
    void this.setBusy(status.state === 'busy');
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
  }

  private busy: boolean | undefined;

  private async setBusy(busy: boolean): Promise<void> {
    if (this.busy === busy) return;
    this.busy = busy;
    await vscode.commands.executeCommand('setContext', 'fitlab.kernelBusy', busy);
  }
}
