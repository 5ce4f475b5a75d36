/** Run All Training Cells: every TypeScript code cell of the active notebook, in order, on Fitlab's kernel. */
import * as vscode from 'vscode';
import { JUPYTER_CONTROLLER_ID } from '../notebook/controller';
import type { CommandContext } from './commandContext';
import { FITLAB_NOTEBOOK_TYPE } from '../notebook/serializer';

export async function runAllTrainingCells(ctx: CommandContext): Promise<void> {
  const editor = vscode.window.activeNotebookEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Fitlab: open a Fitlab notebook (.tfnb) to run its training cells.');
    return;
  }
  const notebook = editor.notebook;
  if (notebook.notebookType !== FITLAB_NOTEBOOK_TYPE && !ctx.controllers.serves(notebook)) {
    // A Jupyter notebook: make Fitlab its kernel first.
    await vscode.commands.executeCommand('notebook.selectKernel', { id: JUPYTER_CONTROLLER_ID, extension: ctx.extension.extension.id });
  }
  const ranges = notebook
    .getCells()
    .filter((cell) => cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === 'typescript')
    .map((cell) => ({ start: cell.index, end: cell.index + 1 }));
  if (ranges.length === 0) {
    void vscode.window.showInformationMessage('Fitlab: this notebook has no TypeScript code cells to run.');
    return;
  }
  await vscode.commands.executeCommand('notebook.cell.execute', { ranges, document: notebook.uri });
}
