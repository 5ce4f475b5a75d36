/**
 * In a workspace the user has not trusted (Restricted Mode), Fitlab runs no cell: cells execute
 * code on the user's machine. The cell says why instead.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { cellText, closeAllEditors, codeCells, openNotebook, runCells, waitFor } from '../helpers';

/** Where marker.tfnb's cell would write (the kernel and the extension host share TMPDIR). */
const marker = join(tmpdir(), 'fitlab-untrusted-ran.marker');

describe('an untrusted workspace', () => {
  afterEach(closeAllEditors);

  it('is opened in Restricted Mode', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the runner opened this workspace untrusted');
  });

  it('does not run a cell', async () => {
    const editor = await openNotebook('marker.tfnb');
    const cell = codeCells(editor.notebook)[0];
    // Not awaited: VS Code may hold the request while it asks the user to trust the folder.
    void runCells(editor, [cell]).then(undefined, () => undefined);
    // Either Fitlab refuses the cell (it ends, not successfully, saying why), or the request never
    // reaches the kernel. Give a refusal time to show; silence for that long also means "not run".
    const refused = await waitFor('the cell to be refused', () => cell.executionSummary?.success !== undefined, 30_000).then(() => true, () => false);
    if (refused) {
      assert.notEqual(cell.executionSummary?.success, true, 'the cell is not reported as a success');
      assert.match(cellText(cell), /trust/i, 'the cell explains that the workspace is not trusted');
    }
    assert.doesNotMatch(cellText(cell), /wrote the marker/);
    assert.equal(existsSync(marker), false, `the cell code did not run (${marker} exists)`);
  });
});
