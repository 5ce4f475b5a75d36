/** Compare Runs (pick runs, see them overlaid in the dashboard) and Export Run History. */
import * as vscode from 'vscode';
import { historyToCsv, runToJson } from '../../runs/export';
import { notebookWithRuns, type CommandContext } from './commandContext';
import { exportFileName, runPickItems, type RunPickItem } from './runPickItems';

function noRuns(): void {
  void vscode.window.showInformationMessage('Fitlab: no runs yet — run a cell that calls model.fit() first.');
}

export async function compareRuns(ctx: CommandContext): Promise<void> {
  const notebook = notebookWithRuns(ctx);
  const runs = notebook ? ctx.store.runs(notebook) : [];
  if (!notebook || runs.length === 0) return noRuns();
  const items = runPickItems(runs, ctx.store.allFindings(notebook)).map((item, i): RunPickItem & vscode.QuickPickItem => ({ ...item, picked: i < 2 }));
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Fitlab: compare runs', placeHolder: 'Pick the runs to overlay on the dashboard' });
  if (!picked || picked.length === 0) return;
  const dashboard = ctx.dashboard();
  if (!dashboard) {
    void vscode.window.showWarningMessage('Fitlab: the training dashboard is not available in this build.');
    return;
  }
  dashboard.open(notebook, picked.map((p) => p.runId));
}

export async function exportRunHistory(ctx: CommandContext): Promise<void> {
  const notebook = notebookWithRuns(ctx);
  const runs = notebook ? ctx.store.runs(notebook) : [];
  if (!notebook || runs.length === 0) return noRuns();
  const pickedRun = await vscode.window.showQuickPick(runPickItems(runs, ctx.store.allFindings(notebook)), { title: 'Fitlab: export run history', placeHolder: 'Which run?' });
  const run = pickedRun && ctx.store.run(notebook, pickedRun.runId);
  if (!run) return;
  const format = await vscode.window.showQuickPick(
    [
      { label: 'CSV', description: 'per-epoch history, Keras CSVLogger columns', format: 'csv' as const },
      { label: 'JSON', description: 'the whole run, readable by `fitlab diagnose`', format: 'json' as const },
    ],
    { title: 'Fitlab: export format' },
  );
  if (!format) return;
  const notebookUri = vscode.Uri.parse(notebook);
  const folder = notebookUri.scheme === 'file' ? vscode.Uri.joinPath(notebookUri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = exportFileName(run, format.format);
  // The save dialog asks before replacing an existing file.
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: format.format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
    title: `Export ${run.label}`,
  });
  if (!target) return;
  const text = format.format === 'csv' ? historyToCsv(run) : runToJson(run);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const open = await vscode.window.showInformationMessage(`Fitlab: exported ${run.label} (${run.epochs.length} epochs) to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
  if (open) await vscode.window.showTextDocument(target);
}
