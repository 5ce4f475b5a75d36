/**
 * The 'fitlab.checklist' tree view: the seven workflow steps of the active notebook, derived from
 * its runs where Fitlab can tell, ticked by the user (a checkbox) where it cannot. Ticks go to the
 * run store, which the host writes into the notebook's metadata.
 */
import * as vscode from 'vscode';
import { deriveChecklist } from '../../diagnostics';
import type { ChecklistStep } from '../../protocol/findings';
import type { RunStore } from '../../runs/runStore';
import { isDiagnosedNotebook } from './notebookCells';

export const CHECKLIST_VIEW = 'fitlab.checklist';

/** The notebook the checklist is about: the active Fitlab/Jupyter notebook, else the last one that trained. */
export function checklistNotebook(store: RunStore): string | undefined {
  const active = vscode.window.activeNotebookEditor?.notebook;
  if (active && isDiagnosedNotebook(active)) return active.uri.toString();
  return store.lastRun()?.notebook;
}

export class ChecklistView implements vscode.TreeDataProvider<ChecklistStep>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<ChecklistStep>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: RunStore) {
    this.view = vscode.window.createTreeView(CHECKLIST_VIEW, { treeDataProvider: this, manageCheckboxStateManually: true });
    this.disposables.push(
      this.view,
      this.changed,
      this.view.onDidChangeCheckboxState((event) => this.ticked(event)),
      vscode.window.onDidChangeActiveNotebookEditor(() => this.refresh()),
      { dispose: store.onDidChange((change) => (change.kind === 'runEnded' || change.kind === 'loaded' || change.kind === 'checklist') && this.refresh()) },
    );
    this.refresh();
  }

  /**
   * Resolves to true once the view is showing (the workbench reports it a moment after a focus
   * command returns), or false if it is still hidden after `limitMs`.
   */
  whenVisible(limitMs: number): Promise<boolean> {
    if (this.view.visible) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (visible: boolean): void => {
        clearTimeout(timer);
        listener.dispose();
        resolve(visible);
      };
      const listener = this.view.onDidChangeVisibility((e) => e.visible && done(true));
      const timer = setTimeout(() => done(this.view.visible), limitMs);
    });
  }

  refresh(): void {
    const notebook = checklistNotebook(this.store);
    this.view.message = notebook ? undefined : 'Open a Fitlab notebook (.tfnb) to follow the universal workflow of deep learning.';
    this.view.description = notebook ? `${this.steps().filter((s) => s.status !== 'todo').length}/7` : undefined;
    this.changed.fire();
  }

  /** The steps of the checklist's notebook (empty without one). */
  steps(): ChecklistStep[] {
    const notebook = checklistNotebook(this.store);
    if (!notebook) return [];
    return deriveChecklist(this.store.runs(notebook), this.store.ticks(notebook), this.store.allFindings(notebook));
  }

  getChildren(element?: ChecklistStep): ChecklistStep[] {
    return element ? [] : this.steps();
  }

  getTreeItem(step: ChecklistStep): vscode.TreeItem {
    const item = new vscode.TreeItem(`${step.number}. ${step.title}`);
    item.id = step.id;
    const done = step.status !== 'todo';
    item.description = step.status === 'done' ? step.evidence : step.status === 'manual-done' ? 'ticked' : step.derived ? 'not yet seen in a run' : 'tick when done';
    item.tooltip = new vscode.MarkdownString(`**${step.title}**\n\n${step.why}${step.evidence ? `\n\n_Seen:_ ${step.evidence}` : ''}${step.derived ? '\n\nFitlab checks this from your runs; you can also tick it.' : ''}`);
    item.iconPath = new vscode.ThemeIcon(step.status === 'done' ? 'pass-filled' : done ? 'pass' : 'circle-large-outline');
    item.checkboxState = done ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
    return item;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private ticked(event: vscode.TreeCheckboxChangeEvent<ChecklistStep>): void {
    const notebook = checklistNotebook(this.store);
    if (!notebook) return;
    for (const [step, state] of event.items) this.store.setTick(notebook, step.id, state === vscode.TreeItemCheckboxState.Checked);
  }
}
