/**
 * Keeps the run store and the notebooks' metadata in step: a notebook's saved runs and checklist
 * ticks are loaded into the store when it opens, and written back into its metadata (so they are
 * saved with the file) when a run ends or a tick changes.
 */
import * as vscode from 'vscode';
import type { RunStore } from '../../runs/runStore';
import { readNotebookFitlab, writeNotebookFitlab } from './fitlabMetadata';
import { FITLAB_NOTEBOOK_TYPE } from './serializer';

const TYPES = new Set([FITLAB_NOTEBOOK_TYPE, 'jupyter-notebook']);

export function syncRunsWithNotebooks(store: RunStore): vscode.Disposable {
  const load = (doc: vscode.NotebookDocument): void => {
    if (!TYPES.has(doc.notebookType)) return;
    const { fitlab, skippedRuns } = readNotebookFitlab(doc.metadata, doc.notebookType);
    // A Jupyter notebook without Fitlab runs stays out of the store (it may not be Fitlab's at all).
    if (doc.notebookType !== FITLAB_NOTEBOOK_TYPE && fitlab.runs.length === 0 && Object.keys(fitlab.checklist).length === 0) return;
    store.load(doc.uri.toString(), fitlab.runs, fitlab.checklist);
    if (skippedRuns > 0) {
      void vscode.window.showWarningMessage(
        `Fitlab: ${skippedRuns} entr${skippedRuns === 1 ? 'y' : 'ies'} of metadata.fitlab.runs in ${vscode.workspace.asRelativePath(doc.uri)} ${skippedRuns === 1 ? 'is' : 'are'} not a run and ${skippedRuns === 1 ? 'was' : 'were'} ignored.`,
      );
    }
  };

  const save = async (notebook: string): Promise<void> => {
    const doc = vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === notebook);
    if (!doc || !TYPES.has(doc.notebookType)) return;
    const runs = store.runs(notebook).filter((run) => run.status !== 'running');
    const metadata = writeNotebookFitlab(doc.metadata, doc.notebookType, { runs: [...runs], checklist: store.ticks(notebook) });
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, [vscode.NotebookEdit.updateNotebookMetadata(metadata)]);
    await vscode.workspace.applyEdit(edit);
  };

  vscode.workspace.notebookDocuments.forEach(load);
  const unsubscribe = store.onDidChange((change) => {
    if (change.kind === 'runEnded' || change.kind === 'checklist') void save(change.notebook);
  });
  return vscode.Disposable.from(
    { dispose: unsubscribe },
    vscode.workspace.onDidOpenNotebookDocument(load),
    vscode.workspace.onDidCloseNotebookDocument((doc) => store.forget(doc.uri.toString())),
  );
}
