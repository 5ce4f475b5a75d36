/** Opening a .tfnb notebook, running its cells, reading what they show. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assertAllSucceeded, closeAllEditors, codeCells, openNotebook, runAndWait, waitForText } from '../helpers';

describe('a .tfnb notebook', () => {
  afterEach(closeAllEditors);

  it('opens as a Fitlab notebook with its cells', async () => {
    const editor = await openNotebook('tiny.tfnb');
    assert.equal(editor.notebook.notebookType, 'fitlab-notebook');
    assert.equal(editor.notebook.cellCount, 3);
    assert.equal(editor.notebook.cellAt(0).kind, vscode.NotebookCellKind.Markup);
    assert.equal(codeCells(editor.notebook)[0].document.languageId, 'typescript');
  });

  it('runs all cells: console output and the value of the last expression, with state kept across cells', async () => {
    const editor = await openNotebook('tiny.tfnb');
    const results = await runAndWait(editor);
    assertAllSucceeded(editor, results);
    const [first, second] = codeCells(editor.notebook);
    await waitForText(first, /the answer is 42/);
    await waitForText(second, /\b84\b/);
  });
});
