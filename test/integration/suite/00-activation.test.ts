/** The extension starts in a real VS Code and everything it promises in the palette is there. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from '../helpers';

/** Commands the README and the issue promise; each must be contributed and registered. */
const promisedCommands = [
  'fitlab.restartKernel',
  'fitlab.stopTraining',
  'fitlab.runAll',
  'fitlab.newNotebook',
  'fitlab.openDashboard',
  'fitlab.diagnoseLastRun',
  'fitlab.showChecklist',
  'fitlab.compareRuns',
  'fitlab.exportRunHistory',
  'fitlab.selectBackend',
];

interface ContributedCommand { command: string; title: string }

describe('activation', () => {
  it('activates without error', async () => {
    const ext = await activateExtension();
    assert.equal(ext.isActive, true);
  });

  it('registers every command it contributes to the palette', async () => {
    const ext = await activateExtension();
    const contributed = ((ext.packageJSON as { contributes?: { commands?: ContributedCommand[] } }).contributes?.commands ?? []).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const unregistered = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(unregistered, [], 'contributed commands with no handler (the palette entry would fail)');
    const missing = promisedCommands.filter((id) => !contributed.includes(id));
    assert.deepEqual(missing, [], 'promised commands missing from contributes.commands');
  });

  it('contributes the .tfnb notebook type', async () => {
    const ext = await activateExtension();
    const notebooks = (ext.packageJSON as { contributes?: { notebooks?: { type: string; selector: { filenamePattern: string }[] }[] } }).contributes?.notebooks ?? [];
    const fitlab = notebooks.find((n) => n.type === 'fitlab-notebook');
    assert.ok(fitlab, 'contributes.notebooks has fitlab-notebook');
    assert.ok(fitlab.selector.some((s) => s.filenamePattern.includes('.tfnb')), 'fitlab-notebook opens *.tfnb');
  });
});
