/** What the command palette commands share: the kernels, the run store, the controllers. */
import * as vscode from 'vscode';
import type { RunStore } from '../../runs/runStore';
import type { KernelManager } from '../kernel/kernelManager';
import type { FitlabControllers } from '../notebook/controller';

/** The dashboard panel, as registerDashboard returns it. */
export interface DashboardHandle {
  /** Shows the notebook's runs; `selectedRunIds` are overlaid when the dashboard supports it. */
  open(notebookUri?: string, selectedRunIds?: string[]): void;
}

export interface CommandContext {
  extension: vscode.ExtensionContext;
  store: RunStore;
  kernels: KernelManager;
  controllers: FitlabControllers;
  dashboard: () => DashboardHandle | undefined;
}

/** The active notebook if Fitlab runs it; otherwise says why nothing happened and returns undefined. */
export function activeFitlabNotebook(ctx: CommandContext, action: string): vscode.NotebookDocument | undefined {
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  if (notebook && ctx.controllers.serves(notebook)) return notebook;
  void vscode.window.showInformationMessage(
    notebook
      ? `Fitlab: to ${action}, select the "Fitlab (TensorFlow.js)" kernel for this notebook first.`
      : `Fitlab: to ${action}, open a Fitlab notebook (.tfnb) first.`,
  );
  return undefined;
}

/** The notebook whose runs a command is about: the active one, else the one that trained last. */
export function notebookWithRuns(ctx: CommandContext): string | undefined {
  const active = vscode.window.activeNotebookEditor?.notebook.uri.toString();
  if (active && ctx.store.runs(active).length > 0) return active;
  return ctx.store.lastRun()?.notebook;
}
