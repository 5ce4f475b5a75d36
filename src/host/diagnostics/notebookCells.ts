/** Which notebooks and cells Fitlab diagnoses: TypeScript code cells of .tfnb and Jupyter notebooks. */
import * as vscode from 'vscode';

export const DIAGNOSED_NOTEBOOK_TYPES = ['fitlab-notebook', 'jupyter-notebook'];

export function isDiagnosedNotebook(notebook: vscode.NotebookDocument): boolean {
  return DIAGNOSED_NOTEBOOK_TYPES.includes(notebook.notebookType);
}

export function isTypeScriptCell(cell: vscode.NotebookCell): boolean {
  return cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === 'typescript';
}

/** The notebook cell a text document belongs to, if it is one of a diagnosed notebook. */
export function cellOfDocument(document: vscode.TextDocument): vscode.NotebookCell | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  for (const notebook of vscode.workspace.notebookDocuments) {
    if (!isDiagnosedNotebook(notebook)) continue;
    const cell = notebook.getCells().find((c) => c.document === document || c.document.uri.toString() === document.uri.toString());
    if (cell) return cell;
  }
  return undefined;
}

export function notebookByKey(key: string): vscode.NotebookDocument | undefined {
  return vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === key);
}
