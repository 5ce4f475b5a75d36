/** The kernel as a user meets it: its banner, stopping a long fit, restarting it. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assertAllSucceeded, cellText, closeAllEditors, codeCells, openNotebook, runAndWait, runCells, waitForCellDone, waitForCellOutput, waitForText } from '../helpers';

const banner = /Fitlab kernel: (wasm|cpu|tensorflow) backend \(tfjs \d+\.\d+/;

/** Starts the never-ending fit of long.tfnb and waits until it reports epochs. */
async function startLongFit(): Promise<{ editor: vscode.NotebookEditor; fitCell: vscode.NotebookCell; since: number }> {
  const editor = await openNotebook('long.tfnb');
  const fitCell = codeCells(editor.notebook)[0];
  const since = Date.now();
  // Not awaited: the run request resolves only when the cell ends, and this one ends when stopped.
  void runCells(editor, [fitCell]).then(undefined, () => undefined);
  await waitForCellOutput(fitCell, /epoch \d+/i, since);
  return { editor, fitCell, since };
}

/** After an interrupt: the cell ends, says so, and the kernel still runs the next cell. */
async function assertStoppedAndKernelAlive(editor: vscode.NotebookEditor, fitCell: vscode.NotebookCell, since: number): Promise<void> {
  await waitForCellDone(fitCell, since, 60_000);
  await waitForText(fitCell, /interrupt|stop/i);
  const next = codeCells(editor.notebook)[1];
  const [ok] = await runAndWait(editor, [next]);
  assert.equal(ok, true, `the kernel runs the next cell after the stop: ${cellText(next)}`);
  await waitForText(next, /still here/);
}

describe('the kernel', () => {
  afterEach(closeAllEditors);

  it('says which backend it runs on when it starts', async () => {
    const editor = await openNotebook('tiny.tfnb');
    await vscode.commands.executeCommand('fitlab.restartKernel');
    const results = await runAndWait(editor);
    assertAllSucceeded(editor, results);
    const all = codeCells(editor.notebook).map(cellText).join('\n');
    assert.match(all, banner);
  });

  it('stops a long fit with the notebook Stop button, and keeps running cells', async () => {
    const { editor, fitCell, since } = await startLongFit();
    await vscode.commands.executeCommand('notebook.cancelExecution', editor.notebook.uri);
    await assertStoppedAndKernelAlive(editor, fitCell, since);
  }).timeout(360_000);

  it('stops a long fit with "Fitlab: Stop Training"', async () => {
    const { editor, fitCell, since } = await startLongFit();
    await vscode.commands.executeCommand('fitlab.stopTraining');
    await assertStoppedAndKernelAlive(editor, fitCell, since);
  }).timeout(360_000);

  it('forgets variables after "Fitlab: Restart Kernel"', async () => {
    const editor = await openNotebook('state.tfnb');
    const read = codeCells(editor.notebook)[1];
    assertAllSucceeded(editor, await runAndWait(editor));
    await waitForText(read, /kept value/);
    await vscode.commands.executeCommand('fitlab.restartKernel');
    const [ok] = await runAndWait(editor, [read]);
    assert.equal(ok, true, cellText(read));
    await waitForText(read, /\bgone\b/);
    assert.doesNotMatch(cellText(read), /kept value/);
  });
});
