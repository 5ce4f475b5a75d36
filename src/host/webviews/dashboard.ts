/**
 * Registers the training dashboard: the "Fitlab: Open Training Dashboard" command and the
 * serializer that brings the panel back (with its notebook and selection) after a reload.
 */
import * as vscode from 'vscode';
import type { RunStore } from '../../runs/runStore';
import { DASHBOARD_VIEW_TYPE, DashboardPanel } from './dashboardPanel';

export const OPEN_DASHBOARD_COMMAND = 'fitlab.openDashboard';

export interface DashboardRegistration {
  /** Opens (or reveals) the panel beside the notebook, showing that notebook's runs, overlaying `selectedRunIds` if given. */
  open(notebookUri?: string, selectedRunIds?: string[]): void;
  dispose(): void;
}

export function registerDashboard(context: vscode.ExtensionContext, deps: { store: RunStore }): DashboardRegistration {
  const panel = new DashboardPanel(context, deps.store);
  const subscriptions: vscode.Disposable[] = [
    panel,
    vscode.commands.registerCommand(OPEN_DASHBOARD_COMMAND, (arg?: unknown) => panel.open(notebookArg(arg))),
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel, state: unknown) => panel.restore(webviewPanel, state),
    }),
  ];
  context.subscriptions.push(...subscriptions);
  return {
    open: (notebookUri, selectedRunIds) => panel.open(notebookUri, selectedRunIds),
    dispose: () => subscriptions.forEach((s) => s.dispose()),
  };
}

/** The notebook toolbar passes `{ uri }` of its notebook (or the editor); the palette passes nothing. */
function notebookArg(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const candidate = (arg as { uri?: unknown; notebookEditor?: { notebookUri?: unknown } }).uri ?? (arg as { notebookEditor?: { notebookUri?: unknown } }).notebookEditor?.notebookUri;
  return candidate instanceof vscode.Uri ? candidate.toString() : undefined;
}
