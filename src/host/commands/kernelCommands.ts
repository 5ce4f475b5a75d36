/** Stop Training, Restart Kernel and the status bar's kernel menu. */
import * as vscode from 'vscode';
import { notebookDir } from '../notebook/notebookDir';
import { activeFitlabNotebook, type CommandContext } from './commandContext';

export async function stopTraining(ctx: CommandContext): Promise<void> {
  const notebook = activeFitlabNotebook(ctx, 'stop training');
  if (!notebook) return;
  const { interrupted, dropped } = ctx.controllers.interrupt(notebook);
  const queued = dropped > 0 ? ` ${dropped} queued cell${dropped === 1 ? ' was' : 's were'} not run.` : '';
  void vscode.window.showInformationMessage(
    interrupted ? `Fitlab: stopping — a fit stops at its next batch and keeps the epochs it finished.${queued}` : `Fitlab: nothing is running in this notebook.${queued}`,
  );
}

export async function restartKernel(ctx: CommandContext): Promise<void> {
  const notebook = activeFitlabNotebook(ctx, 'restart the kernel');
  if (!notebook) return;
  const key = notebook.uri.toString();
  ctx.controllers.cancelPending(notebook);
  ctx.store.abandonRunning(key, 'the kernel was restarted');
  try {
    const info = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Fitlab: restarting the kernel…' },
      () => ctx.kernels.restart(key, notebookDir(notebook.uri)),
    );
    void vscode.window.showInformationMessage(`Fitlab kernel restarted on the ${info.backend} backend: variables and models of earlier cells are cleared.`);
  } catch (error) {
    void vscode.window.showErrorMessage(`Fitlab: the kernel could not restart: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface MenuItem extends vscode.QuickPickItem {
  command: string;
}

/** The status bar item's menu. */
export async function kernelMenu(ctx: CommandContext): Promise<void> {
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  const busy = notebook ? ctx.kernels.status(notebook.uri.toString()).state === 'busy' : false;
  const items: MenuItem[] = [
    ...(busy ? [{ label: '$(debug-stop) Stop Training', description: 'stop the running fit at its next batch', command: 'fitlab.stopTraining' }] : []),
    { label: '$(debug-restart) Restart Kernel', description: 'clear all variables and models', command: 'fitlab.restartKernel' },
    { label: '$(server-environment) Select Backend', description: 'tensorflow, wasm or cpu', command: 'fitlab.selectBackend' },
    { label: '$(graph-line) Open Training Dashboard', description: 'live curves of every run', command: 'fitlab.openDashboard' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Fitlab kernel', placeHolder: 'Choose a kernel action' });
  if (picked) await vscode.commands.executeCommand(picked.command);
}
