/**
 * New Training Notebook and Open Example: an untitled .tfnb copy of a bundled notebook (so nothing
 * inside the extension's folder is ever edited), opened in the notebook editor.
 */
import * as vscode from 'vscode';
import { parseTfnb } from '../../notebook-format';
import { FITLAB_NOTEBOOK_TYPE, toNotebookData } from '../notebook/serializer';
import type { CommandContext } from './commandContext';

export const TEMPLATE_PATH = 'media/templates/training.tfnb';
export const EXAMPLE_PATH = 'examples/regularization.tfnb';

async function openCopy(ctx: CommandContext, relativePath: string): Promise<vscode.NotebookEditor> {
  const uri = vscode.Uri.joinPath(ctx.extension.extensionUri, relativePath);
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const data = toNotebookData(parseTfnb(text, relativePath));
  const doc = await vscode.workspace.openNotebookDocument(FITLAB_NOTEBOOK_TYPE, data);
  return vscode.window.showNotebookDocument(doc);
}

export async function newTrainingNotebook(ctx: CommandContext): Promise<void> {
  try {
    await openCopy(ctx, TEMPLATE_PATH);
  } catch (error) {
    void vscode.window.showErrorMessage(`Fitlab: could not create the notebook: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(() => true, () => false);
}

export async function openExample(ctx: CommandContext): Promise<void> {
  try {
    // The template trains the same overfit-then-regularize story when no separate example ships.
    const example = (await exists(vscode.Uri.joinPath(ctx.extension.extensionUri, EXAMPLE_PATH))) ? EXAMPLE_PATH : TEMPLATE_PATH;
    await openCopy(ctx, example);
    void vscode.window.showInformationMessage('Fitlab: opened an untitled copy of the regularization example. Run All to train it.');
  } catch (error) {
    void vscode.window.showErrorMessage(`Fitlab: could not open the example: ${error instanceof Error ? error.message : String(error)}`);
  }
}
