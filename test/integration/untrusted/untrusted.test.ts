/**
 * In a workspace the user has not trusted (Restricted Mode), Fitlab runs no cell: cells execute
 * code on the user's machine. The cell says why instead.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { cellText, closeAllEditors, codeCells, openNotebook, runCells, waitForCellDone } from '../helpers';

/** Where marker.tfnb's cell would write (the kernel and the extension host share TMPDIR). */
const marker = join(tmpdir(), 'fitlab-untrusted-ran.marker');

describe('an untrusted workspace', () => {
  afterEach(closeAllEditors);

  it('is opened in Restricted Mode', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the runner opened this workspace untrusted');
  });

  it('does not run a cell, and the cell says why', async () => {
    const editor = await openNotebook('marker.tfnb');
    const cell = codeCells(editor.notebook)[0];
    const since = Date.now();
    await runCells(editor, [cell]);
    const ok = await waitForCellDone(cell, since, 60_000);
    assert.equal(ok, false, 'the cell is not reported as a success');
    assert.match(cellText(cell), /trust/i, 'the cell explains that the workspace is not trusted');
    assert.doesNotMatch(cellText(cell), /wrote the marker/);
    assert.equal(existsSync(marker), false, `the cell code did not run (${marker} exists)`);
  });
});
