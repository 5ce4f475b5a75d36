/** TypeScript cells of a Jupyter .ipynb run on the Fitlab kernel. */
import * as assert from 'node:assert/strict';
import { assertAllSucceeded, closeAllEditors, codeCells, openNotebook, runAndWait, waitForText } from '../helpers';

describe('a Jupyter .ipynb with TypeScript cells', () => {
  afterEach(closeAllEditors);

  it('runs its cells on the Fitlab kernel with tfjs', async () => {
    const editor = await openNotebook('typescript.ipynb');
    assert.equal(editor.notebook.notebookType, 'jupyter-notebook');
    const cells = codeCells(editor.notebook);
    assert.deepEqual(cells.map((c) => c.document.languageId), ['typescript', 'typescript']);
    const results = await runAndWait(editor);
    assertAllSucceeded(editor, results);
    await waitForText(cells[0], /sum 12\b/);
    await waitForText(cells[1], /TYPED/);
  });
});
