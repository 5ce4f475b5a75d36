/**
 * An overfitting run as the editor shows it: a diagnostic on the line of the `fit(` call that
 * says so, and a quick fix that edits the cell.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assertAllSucceeded, closeAllEditors, codeCells, openNotebook, runAndWait, waitFor } from '../helpers';

function fitlabDiagnostics(cell: vscode.NotebookCell): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(cell.document.uri).filter((d) => /fitlab/i.test(d.source ?? ''));
}

/** What an overfitting fix adds: early stopping, a plateau schedule, weight decay or dropout. */
const remedy = /EarlyStopping|ReduceLROnPlateau|L2|L1|Dropout|regulariz/i;

/** The 0-based line of the first `.fit(` in a cell. */
function fitLine(cell: vscode.NotebookCell): number {
  const line = cell.document.getText().split('\n').findIndex((l) => l.includes('.fit('));
  assert.ok(line >= 0, 'the fixture cell calls fit(');
  return line;
}

describe('diagnostics of an overfitting run', () => {
  let editor: vscode.NotebookEditor;
  let fitCell: vscode.NotebookCell;
  let overfitting: vscode.Diagnostic;

  before(async () => {
    editor = await openNotebook('overfit.tfnb');
    fitCell = codeCells(editor.notebook).find((c) => c.document.getText().includes('.fit('))!;
    assertAllSucceeded(editor, await runAndWait(editor));
    overfitting = await waitFor('an overfitting diagnostic on the fit cell', () => fitlabDiagnostics(fitCell).find((d) => /overfit/i.test(d.message)), 60_000);
  });
  after(closeAllEditors);

  it('puts the overfitting finding on the fit( line, with the evidence', () => {
    assert.equal(overfitting.range.start.line, fitLine(fitCell));
    assert.match(overfitting.message, /epoch/i, 'the message names the epoch where it began');
    assert.ok(overfitting.severity <= vscode.DiagnosticSeverity.Warning, 'shown as a warning or an error, not a hint');
  });

  it('offers quick fixes whose edit changes the notebook', async () => {
    let offered: string[] = [];
    const actions = await waitFor('Fitlab quick fixes on the overfitting diagnostic', async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', fitCell.document.uri, overfitting.range);
      offered = (all ?? []).map((a) => `${a.title} [kind: ${a.kind?.value}, edit: ${Boolean(a.edit)}]`);
      // The command API does not return an action's diagnostics: Fitlab's fixes are the quick
      // fixes that name a remedy for overfitting.
      const fixes = (all ?? []).filter((a) => a.edit && a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && remedy.test(a.title));
      return fixes.length > 0 ? fixes : undefined;
    }, 30_000).catch((err: Error) => assert.fail(`${err.message}; code actions offered: ${JSON.stringify(offered)}`));
    const before = editor.notebook.getCells().map((c) => c.document.getText());
    const fix = actions.find((a) => a.isPreferred) ?? actions[0];
    assert.equal(await vscode.workspace.applyEdit(fix.edit!), true, `quick fix "${fix.title}" applies`);
    const after = editor.notebook.getCells().map((c) => c.document.getText());
    assert.notDeepEqual(after, before, `quick fix "${fix.title}" edited a cell`);
    const added = after.join('\n').match(new RegExp(remedy.source, 'gi'))?.length ?? 0;
    const had = before.join('\n').match(new RegExp(remedy.source, 'gi'))?.length ?? 0;
    assert.ok(added > had, `quick fix "${fix.title}" added its remedy to the code`);
  });
});
