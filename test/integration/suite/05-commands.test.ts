/** Palette commands that open something a user can see. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, assertAllSucceeded, cellText, closeAllEditors, codeCells, openNotebook, runAndWait, waitFor, waitForCellDone, waitForText } from '../helpers';

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

  it('"Fitlab: Diagnose Last Run" after an overfitting fit reports the overfitting', async () => {
    const editor = await openNotebook('overfit-commands.tfnb');
    assertAllSucceeded(editor, await runAndWait(editor));
    // The command returns the summary it shows in its notification (tests cannot read notifications).
    const summary = await vscode.commands.executeCommand<string | undefined>('fitlab.diagnoseLastRun');
    assert.ok(summary, 'Diagnose Last Run found the run');
    assert.match(summary, /overfit/i);
  });

  it('"Fitlab: Select Backend" changes the fitlab.backend setting', async () => {
    const config = () => vscode.workspace.getConfiguration('fitlab');
    const before = config().inspect<string>('backend');
    const choice = config().get<string>('backend') === 'cpu' ? 'wasm' : 'cpu';
    try {
      await vscode.commands.executeCommand('fitlab.selectBackend', choice);
      assert.equal(config().get<string>('backend'), choice);
    } finally {
      await config().update('backend', before?.globalValue, vscode.ConfigurationTarget.Global);
      await config().update('backend', before?.workspaceValue, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('every step of the first-run walkthrough completes on a registered command', async () => {
    type Step = { id: string; completionEvents?: string[] };
    const walkthroughs = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { walkthroughs: { id: string; steps: Step[] }[] } }).contributes.walkthroughs;
    const steps = walkthroughs.find((w) => w.id === 'fitlab.firstRun')?.steps ?? [];
    assert.ok(steps.length > 0, 'the fitlab.firstRun walkthrough has steps');
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of steps) {
      const commands = (step.completionEvents ?? []).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length));
      assert.ok((step.completionEvents ?? []).length > 0, `step "${step.id}" has a completion event`);
      for (const command of commands) assert.ok(registered.has(command), `step "${step.id}" completes on ${command}, which is registered`);
    }
  });

  it('"Fitlab: Export Run History" writes Keras CSVLogger columns and the run as JSON where asked; "Compare Runs" opens the dashboard', async () => {
    const editor = await openNotebook('overfit-commands.tfnb');
    assertAllSucceeded(editor, await runAndWait(editor));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitlab-export-'));
    try {
      // The notebook's latest run: earlier suites may have edited this fixture (a quick fix adding
      // EarlyStopping stops it early), so compare the CSV with the exported run itself.
      const jsonPath = path.join(dir, 'run.json');
      await vscode.commands.executeCommand('fitlab.exportRunHistory', { format: 'json', target: jsonPath });
      const run = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as { id: string; epochs: number[] };
      assert.ok(run.epochs.length > 0, 'the exported run has epochs');
      const csvPath = path.join(dir, 'history.csv');
      await vscode.commands.executeCommand('fitlab.exportRunHistory', { format: 'csv', target: csvPath });
      const [header, ...rows] = fs.readFileSync(csvPath, 'utf8').trim().split('\n');
      assert.deepEqual(header.split(','), ['epoch', 'acc', 'loss', 'lr', 'val_acc', 'val_loss'], 'CSVLogger: epoch, then the logged keys sorted');
      assert.equal(rows.length, run.epochs.length, 'one row per epoch of the run');
      assert.deepEqual(rows.map((r) => Number(r.split(',')[0])), run.epochs, 'the epoch column counts the run\'s epochs');
      await vscode.commands.executeCommand('fitlab.compareRuns', [run.id]);
      await waitFor('the dashboard webview tab', () => webviewTabs('fitlab.dashboard').length > 0, 30_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('"Fitlab: Show Workflow Checklist" shows the checklist view', async () => {
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    // The command returns whether the view is visible once focused.
    assert.equal(await vscode.commands.executeCommand<boolean>('fitlab.showChecklist'), true);
  });
});
