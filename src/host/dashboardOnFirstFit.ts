/** Opens the training dashboard when the first fit of the session starts (fitlab.dashboard.openOnFirstFit). */
import * as vscode from 'vscode';
import type { RunStore } from '../runs/runStore';
import type { DashboardHandle } from './commands/commandContext';
import { fitlabSettings } from './config';

export function openDashboardOnFirstFit(store: RunStore, dashboard: () => DashboardHandle | undefined): vscode.Disposable {
  const unsubscribe = store.onDidChange((change) => {
    if (change.kind !== 'runStarted') return;
    unsubscribe();
    if (fitlabSettings().openDashboardOnFirstFit) dashboard()?.open(change.notebook);
  });
  return { dispose: unsubscribe };
}
