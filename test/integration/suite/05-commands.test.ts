/** Palette commands that open something a user can see. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, cellText, closeAllEditors, codeCells, openNotebook, waitFor, waitForCellDone, waitForText } from '../helpers';

function webviewTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(viewType));
}

describe('palette commands', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('"Fitlab: New Notebook" opens an untitled Fitlab notebook', async () => {
    await vscode.commands.executeCommand('fitlab.newNotebook');
    const editor = await waitFor('a notebook editor', () => vscode.window.activeNotebookEditor, 30_000);
    assert.equal(editor.notebook.notebookType, 'fitlab-notebook');
    assert.equal(editor.notebook.isUntitled, true);
    assert.ok(editor.notebook.cellCount > 0, 'the new notebook has a starter cell');
  });

  it('"Fitlab: Run All Training Cells" runs the notebook\'s cells', async () => {
    const editor = await openNotebook('tiny.tfnb');
    const since = Date.now();
    await vscode.commands.executeCommand('fitlab.runAll');
    const last = codeCells(editor.notebook).at(-1)!;
    assert.equal(await waitForCellDone(last, since), true, cellText(last));
    await waitForText(last, /\b84\b/);
  });

  it('"Fitlab: Open Training Dashboard" opens the dashboard panel', async () => {
    await vscode.commands.executeCommand('fitlab.openDashboard');
    await waitFor('the dashboard webview tab', () => webviewTabs('fitlab.dashboard').length > 0, 30_000);
  });
});
