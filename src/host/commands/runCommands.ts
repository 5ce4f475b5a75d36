/** Compare Runs (pick runs, see them overlaid in the dashboard) and Export Run History. */
import * as vscode from 'vscode';
import { historyToCsv, runToJson } from '../../runs/export';
import { notebookWithRuns, type CommandContext } from './commandContext';
import { exportFileName, runPickItems, type RunPickItem } from './runPickItems';

function noRuns(): void {
  void vscode.window.showInformationMessage('Fitlab: no runs yet — run a cell that calls model.fit() first.');
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string');
}

/** `runIds` (for scripts and tests): the runs to overlay, chosen without showing the picker. */
export async function compareRuns(ctx: CommandContext, runIds?: unknown): Promise<void> {
  const notebook = notebookWithRuns(ctx);
  const runs = notebook ? ctx.store.runs(notebook) : [];
  if (!notebook || runs.length === 0) return noRuns();
  const items = runPickItems(runs, ctx.store.allFindings(notebook)).map((item, i): RunPickItem & vscode.QuickPickItem => ({ ...item, picked: i < 2 }));
  const picked = isStringArray(runIds)
    ? runIds.map((runId) => ({ runId }))
    : await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Fitlab: compare runs', placeHolder: 'Pick the runs to overlay on the dashboard' });
  if (!picked || picked.length === 0) return;
  const dashboard = ctx.dashboard();
  if (!dashboard) {
    void vscode.window.showWarningMessage('Fitlab: the training dashboard is not available in this build.');
    return;
  }
  dashboard.open(notebook, picked.map((p) => p.runId));
}

/** What a script or test passes to Export Run History to skip the pickers and the save dialog. */
interface ExportRequest {
  /** The run to export; the notebook's latest run when omitted. */
  runId?: string;
  format: 'csv' | 'json';
  /** The file to write (a file URI or an absolute path); it is replaced if it exists. */
  target: string;
}

function isExportRequest(value: unknown): value is ExportRequest {
  const v = value as Partial<ExportRequest> | undefined;
  return typeof v === 'object' && v !== null && (v.format === 'csv' || v.format === 'json') && typeof v.target === 'string' && (v.runId === undefined || typeof v.runId === 'string');
}

/** `request` (for scripts and tests): see ExportRequest; without it the user picks in the UI. */
export async function exportRunHistory(ctx: CommandContext, request?: unknown): Promise<void> {
  const notebook = notebookWithRuns(ctx);
  const runs = notebook ? ctx.store.runs(notebook) : [];
  if (!notebook || runs.length === 0) return noRuns();
  if (isExportRequest(request)) {
    const run = request.runId === undefined ? runs.at(-1) : ctx.store.run(notebook, request.runId);
    if (!run) throw new Error(`Fitlab: export run history: no run ${request.runId} in ${notebook}`);
    const target = request.target.includes('://') ? vscode.Uri.parse(request.target) : vscode.Uri.file(request.target);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(request.format === 'csv' ? historyToCsv(run) : runToJson(run)));
    return;
  }
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
