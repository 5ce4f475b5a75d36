/**
 * Saving what the dashboard asks for: a run's history (Keras CSVLogger CSV or JSON) and chart
 * images. Always through a save dialog, so nothing is written where the user did not choose.
 */
import * as vscode from 'vscode';
import type { Run } from '../../protocol/run';
import { decodePngDataUrl, exportFileStem, historyToCsv, runToJson } from '../../runs/export';

/** The folder of the notebook, where save dialogs start. */
function startFolder(notebook: string | null): vscode.Uri | undefined {
  if (notebook) {
    try {
      return vscode.Uri.joinPath(vscode.Uri.parse(notebook), '..');
    } catch {
      // A notebook key that is not a URI: fall back to the workspace.
    }
  }
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

async function saveAs(notebook: string | null, fileName: string, filters: Record<string, string[]>, bytes: Uint8Array): Promise<void> {
  const folder = startFolder(notebook);
  const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined, filters, saveLabel: 'Save' });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, bytes);
  void vscode.window.showInformationMessage(`Fitlab: saved ${vscode.workspace.asRelativePath(target)}.`);
}

export async function exportRun(notebook: string | null, run: Run, format: 'csv' | 'json'): Promise<void> {
  const text = format === 'csv' ? historyToCsv(run) : runToJson(run);
  const filters: Record<string, string[]> = format === 'csv' ? { 'CSV (Keras CSVLogger)': ['csv'] } : { JSON: ['json'] };
  await saveAs(notebook, `${exportFileStem(run)}.${format}`, filters, new TextEncoder().encode(text));
}

export async function savePng(notebook: string | null, name: string, dataUrl: string): Promise<void> {
  const bytes = decodePngDataUrl(dataUrl);
  await saveAs(notebook, name.endsWith('.png') ? name : `${name}.png`, { 'PNG image': ['png'] }, bytes);
}
