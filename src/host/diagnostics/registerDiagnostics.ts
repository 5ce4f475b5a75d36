/**
 * The editor side of the diagnostics: findings and static hints as diagnostics on notebook cells,
 * quick fixes, the workflow checklist view and the two palette commands.
 */
import * as vscode from 'vscode';
import type { Run } from '../../protocol/run';
import type { RunStore } from '../../runs/runStore';
import { CellDiagnostics } from './cellDiagnostics';
import { ChecklistView } from './checklistView';
import { DIAGNOSE_LAST_RUN, diagnoseLastRun, SHOW_CHECKLIST, showChecklist } from './diagnosticsCommands';
import { cellOfDocument, isDiagnosedNotebook, notebookByKey } from './notebookCells';
import { FitlabQuickFixes, QUICK_FIX_APPLIED } from './quickFixProvider';

export function registerDiagnostics(context: vscode.ExtensionContext, deps: { store: RunStore }): vscode.Disposable {
  const { store } = deps;
  const cells = new CellDiagnostics();
  const checklist = new ChecklistView(store);
  const channel = vscode.window.createOutputChannel('Fitlab Diagnostics');

  const lintNotebook = (notebook: vscode.NotebookDocument): void => {
    if (isDiagnosedNotebook(notebook)) notebook.getCells().forEach((cell) => cells.refreshHints(cell));
  };
  vscode.workspace.notebookDocuments.forEach(lintNotebook);

  const disposables: vscode.Disposable[] = [
    cells,
    checklist,
    channel,
    vscode.workspace.onDidOpenNotebookDocument(lintNotebook),
    vscode.workspace.onDidCloseNotebookDocument((notebook) => cells.notebookClosed(notebook)),
    vscode.workspace.onDidChangeNotebookDocument((event) => {
      // Added cells and cells whose language changed get (or lose) their hints.
      for (const change of event.contentChanges) change.addedCells.forEach((cell) => cells.scheduleHints(cell));
      for (const change of event.cellChanges) if (change.document) cells.scheduleHints(change.cell);
    }),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length === 0) return;
      const cell = cellOfDocument(event.document);
      if (cell) cells.cellEdited(cell);
    }),
    { dispose: store.onDidChange((change) => {
      if (change.kind !== 'runEnded' && change.kind !== 'loaded') return;
      const notebook = notebookByKey(change.notebook);
      if (!notebook) return;
      if (change.kind === 'runEnded') return cells.showRun(notebook, change.run, change.findings);
      // A reopened notebook shows the findings of its saved runs: the latest run of each fit call.
      for (const run of latestRunPerFitCall(store.runs(change.notebook))) cells.showRun(notebook, run, store.findings(change.notebook, run.id));
    }) },
    vscode.languages.registerCodeActionsProvider({ language: 'typescript', scheme: 'vscode-notebook-cell' }, new FitlabQuickFixes(), { providedCodeActionKinds: FitlabQuickFixes.kinds }),
    vscode.commands.registerCommand(DIAGNOSE_LAST_RUN, () => diagnoseLastRun(store, channel)),
    vscode.commands.registerCommand(SHOW_CHECKLIST, () => showChecklist(checklist)),
    vscode.commands.registerCommand(QUICK_FIX_APPLIED, () => undefined),
  ];
  // Disposed with the extension, or earlier by the caller; either way only once.
  let disposed = false;
  const disposable = new vscode.Disposable(() => {
    if (disposed) return;
    disposed = true;
    disposables.forEach((d) => d.dispose());
  });
  context.subscriptions.push(disposable);
  return disposable;
}

/** The last finished run of each `fit(` call (cell and line): re-runs replace their earlier runs. */
function latestRunPerFitCall(runs: readonly Run[]): Run[] {
  const latest = new Map<string, Run>();
  for (const run of runs) if (run.status !== 'running' && run.cell) latest.set(`${run.cell.index}:${run.cell.fitLine ?? ''}`, run);
  return [...latest.values()];
}
