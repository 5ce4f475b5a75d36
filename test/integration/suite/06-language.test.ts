/** TypeScript that knows the whole notebook, in real VS Code: completions, hovers, type errors. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codeCells, waitFor, workspaceUri } from '../helpers';

async function openLanguageNotebook(file = 'language.tfnb'): Promise<vscode.NotebookCell[]> {
  await activateExtension();
  const doc = await vscode.workspace.openNotebookDocument(workspaceUri(file));
  await vscode.window.showNotebookDocument(doc);
  return codeCells(doc);
}

describe('TypeScript across notebook cells', () => {
  afterEach(closeAllEditors);

  it('completes a variable declared in an earlier cell', async () => {
    const cells = await openLanguageNotebook();
    const last = cells[2].document;
    const list = await waitFor('a completion for `model` in the last cell', async () => {
      const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', last.uri, new vscode.Position(0, 3));
      return result.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'model') ? result : undefined;
    });
    assert.ok(list.items.length > 0);
  });

  it('reports a type error on the right cell and line, and no "Cannot find name" for earlier cells\' names', async () => {
    const cells = await openLanguageNotebook();
    const errors = await waitFor('the fitlab-ts type error in the second code cell', () => {
      const found = vscode.languages.getDiagnostics(cells[1].document.uri).filter((d) => d.source === 'fitlab-ts');
      return found.length > 0 ? found : undefined;
    });
    assert.deepEqual(errors.map((d) => [d.range.start.line, d.range.start.character, d.message]), [[1, 6, "Type 'number' is not assignable to type 'string'."]]);
    for (const cell of cells) {
      const messages = vscode.languages.getDiagnostics(cell.document.uri).map((d) => `${d.source}: ${d.message}`);
      assert.ok(!messages.some((m) => /Cannot find name '(tf|model)'/.test(m)), `cell ${cell.index}: ${messages.join('; ')}`);
    }
    assert.deepEqual(vscode.languages.getDiagnostics(cells[0].document.uri).filter((d) => d.source === 'fitlab-ts'), []);
  });

  it('checks a cell the user adds, and re-checks the cells that used what a removed cell declared', async () => {
    // Its own copy of the notebook: reverting an edited notebook between tests is not reliable in
    // the test server, and the other tests need language.tfnb as it is.
    const cells = await openLanguageNotebook('language-structure.tfnb');
    const notebook = cells[0].notebook;
    const typeErrors = (cell: vscode.NotebookCell) => vscode.languages.getDiagnostics(cell.document.uri).filter((d) => d.source === 'fitlab-ts').map((d) => [d.range.start.line, d.message]);
    const apply = async (edit: vscode.NotebookEdit) => {
      const workspaceEdit = new vscode.WorkspaceEdit();
      workspaceEdit.set(notebook.uri, [edit]);
      assert.ok(await vscode.workspace.applyEdit(workspaceEdit));
    };
    await waitFor('the type error of the units cell', () => (typeErrors(cells[1]).length > 0 ? true : undefined));
    await apply(vscode.NotebookEdit.insertCells(notebook.cellCount, [new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'const width: string = model.name.length;', 'typescript')]));
    const added = notebook.cellAt(notebook.cellCount - 1);
    await waitFor('a type error in the added cell', () => (typeErrors(added).some(([, m]) => /'number' is not assignable to type 'string'/.test(String(m))) ? true : undefined));
    // Remove the cell declaring `model`: the added cell must now say so, the units cell keeps its error.
    await apply(vscode.NotebookEdit.deleteCells(new vscode.NotebookRange(cells[0].index, cells[0].index + 1)));
    await waitFor('"Cannot find name \'model\'" in the added cell', () => (typeErrors(added).some(([, m]) => /Cannot find name 'model'/.test(String(m))) ? true : undefined));
    assert.deepEqual(typeErrors(cells[1]), [[1, "Type 'number' is not assignable to type 'string'."]]);
  });

  it('explains kernelRegularizer on hover with the Keras call', async () => {
    const cells = await openLanguageNotebook();
    const doc = cells[0].document;
    const at = doc.positionAt(doc.getText().indexOf('kernelRegularizer') + 3);
    const text = await waitFor('a hover explaining kernelRegularizer', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
      const all = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /Keras/.test(all) ? all : undefined;
    });
    assert.match(text, /kernelRegularizer: adds a weight penalty to the loss/);
    assert.match(text, /Keras: Dense\(16, kernel\\?_regularizer=regularizers\.l2\(0\.001\)\)/);
  });
});
