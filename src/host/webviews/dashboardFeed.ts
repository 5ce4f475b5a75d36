/**
 * What the dashboard page is sent when the run store changes, decided without vscode: the panel
 * shows one notebook; its fits stream in as messages, a fit in another notebook switches the
 * panel there, a reload of the notebook's runs re-sends everything.
 */
import { deriveChecklist } from '../../diagnostics/index';
import type { ChecklistStep } from '../../protocol/findings';
import type { DashboardInit, HostToDashboard } from '../../protocol/webview';
import type { RunStore, RunStoreChange } from '../../runs/runStore';

export type FeedAction =
  | { kind: 'post'; messages: HostToDashboard[] }
  /** Show another notebook (send it `init`). */
  | { kind: 'switch'; notebook: string }
  /** Re-send `init` for the notebook shown. */
  | { kind: 'init' }
  | { kind: 'none' };

export function feedFor(change: RunStoreChange, shown: string | null, store: RunStore): FeedAction {
  if (change.notebook !== shown) {
    // A fit in another notebook: the dashboard follows the training.
    return change.kind === 'runStarted' ? { kind: 'switch', notebook: change.notebook } : { kind: 'none' };
  }
  switch (change.kind) {
    case 'runStarted':
      return { kind: 'post', messages: [{ type: 'runStarted', run: change.run }] };
    case 'runDelta':
      return { kind: 'post', messages: [{ type: 'runDelta', delta: change.delta }] };
    case 'runEnded':
      return {
        kind: 'post',
        messages: [
          { type: 'runEnded', runId: change.run.id, status: change.run.status, stopReason: change.run.stopReason, findings: change.findings },
          { type: 'checklist', steps: checklistOf(store, change.notebook) },
        ],
      };
    case 'loaded':
      return { kind: 'init' };
    case 'checklist':
      return { kind: 'post', messages: [{ type: 'checklist', steps: checklistOf(store, change.notebook) }] };
  }
}

/** Everything the page needs for `notebook` (null: no notebook yet, an empty dashboard). */
export function initFor(store: RunStore, notebook: string | null, selected: string[], smoothing: number): DashboardInit {
  return {
    type: 'init',
    notebook,
    runs: notebook ? [...store.runs(notebook)] : [],
    findings: notebook ? store.allFindings(notebook) : {},
    checklist: notebook ? checklistOf(store, notebook) : [],
    selected: notebook ? selected.filter((id) => store.run(notebook, id)) : [],
    smoothing,
  };
}

function checklistOf(store: RunStore, notebook: string): ChecklistStep[] {
  return deriveChecklist(store.runs(notebook), store.ticks(notebook), store.allFindings(notebook));
}
