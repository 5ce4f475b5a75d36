/**
 * What the extension tests do the way a user does: open a notebook from the workspace, pick the
 * Fitlab kernel, run cells, read what the cells show. Every wait is for a condition, with a
 * generous deadline (two cores are shared) and a message saying what never happened.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'fitlab.fitlab';
export const CONTROLLER_ID = 'fitlab-kernel';

/** Polls `probe` until it returns something truthy; fails naming `what` and the last value seen. */
export async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (err) {
      if (err instanceof assert.AssertionError) throw err; // the probe decided: no point waiting
      last = err instanceof Error ? err.message : err;
    }
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs / 1000} s waiting for ${what} (last seen: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function workspaceUri(...path: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder (the runner opens test/integration/fixtures/workspace)');
  return vscode.Uri.joinPath(folder.uri, ...path);
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  await ext.activate();
  return ext;
}

/** Opens a notebook file in an editor, without outputs, and selects the Fitlab kernel for it. */
export async function openNotebook(name: string): Promise<vscode.NotebookEditor> {
  await activateExtension();
  const doc = await vscode.workspace.openNotebookDocument(workspaceUri(name));
  const editor = await vscode.window.showNotebookDocument(doc);
  await vscode.commands.executeCommand('notebook.selectKernel', { notebookEditor: editor, id: CONTROLLER_ID, extension: EXTENSION_ID });
  if (doc.getCells().some((c) => c.outputs.length > 0)) {
    await vscode.commands.executeCommand('notebook.clearAllCellsOutputs');
    await waitFor(`${name} without outputs`, () => doc.getCells().every((c) => c.outputs.length === 0), 10_000);
  }
  return editor;
}

/** Waits until a cell shows text matching `pattern` (outputs can land just after the run ends). */
export async function waitForText(cell: vscode.NotebookCell, pattern: RegExp, timeoutMs = 10_000): Promise<void> {
  await waitFor(`cell ${cell.index + 1} to show ${pattern}`, () => pattern.test(cellText(cell)), timeoutMs).catch(() => {
    const seen = { shows: cellText(cell).slice(0, 300), mimes: cellMimes(cell), summary: cell.executionSummary };
    assert.fail(`cell ${cell.index + 1} does not show ${pattern} after ${timeoutMs / 1000} s: ${JSON.stringify(seen)}`);
  });
}

/**
 * Reverts every changed notebook and closes every editor, so the next test opens the fixture as it
 * is on disk (no outputs of an earlier test) and no "save changes?" dialog blocks the window.
 */
export async function closeAllEditors(): Promise<void> {
  for (const doc of vscode.workspace.notebookDocuments.filter((d) => d.isDirty && !d.isUntitled)) {
    await vscode.window.showNotebookDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
  }
  for (const doc of vscode.workspace.notebookDocuments.filter((d) => d.isDirty && d.isUntitled)) {
    await vscode.window.showNotebookDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function codeCells(doc: vscode.NotebookDocument): vscode.NotebookCell[] {
  return doc.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
}

/** Everything a cell shows, as text: stdout, stderr, text/plain, errors (name: message), JSON. */
export function cellText(cell: vscode.NotebookCell): string {
  const parts: string[] = [];
  for (const output of cell.outputs) {
    for (const item of output.items) {
      const text = new TextDecoder().decode(item.data);
      if (item.mime === 'application/vnd.code.notebook.error') {
        const err = JSON.parse(text) as { name: string; message: string };
        parts.push(`${err.name}: ${err.message}`);
      } else {
        parts.push(text);
      }
    }
  }
  return parts.join('\n');
}

export function cellMimes(cell: vscode.NotebookCell): string[] {
  return cell.outputs.flatMap((o) => o.items.map((i) => i.mime));
}

/** Runs cells (all when `cells` is omitted) in the active notebook editor. */
export async function runCells(editor: vscode.NotebookEditor, cells?: vscode.NotebookCell[]): Promise<void> {
  if (!cells) {
    await vscode.commands.executeCommand('notebook.execute', editor.notebook.uri);
    return;
  }
  const ranges = cells.map((c) => ({ start: c.index, end: c.index + 1 }));
  await vscode.commands.executeCommand('notebook.cell.execute', { ranges, document: editor.notebook.uri });
}

/**
 * Waits until a cell's execution that ended at or after `since` (ms since epoch) has finished;
 * resolves to its success. Pass the time taken just before asking for the run.
 */
export async function waitForCellDone(cell: vscode.NotebookCell, since: number, timeoutMs = 180_000): Promise<boolean> {
  const r = await waitFor(`cell ${cell.index + 1} to finish running`, () => {
    const summary = cell.executionSummary;
    if (summary?.success === undefined) return false;
    // Clock granularity: allow the end time to equal the request time.
    if (summary.timing && summary.timing.endTime < since) return false;
    return { success: summary.success };
  }, timeoutMs);
  return r.success;
}

/** Waits until every code cell finished a run that ended after `since`; returns each cell's success. */
export async function waitForAllDone(doc: vscode.NotebookDocument, since: number, timeoutMs = 300_000): Promise<boolean[]> {
  const results: boolean[] = [];
  for (const cell of codeCells(doc)) results.push(await waitForCellDone(cell, since, timeoutMs));
  return results;
}

/**
 * Waits until a running cell shows text matching `pattern`; fails at once, with the cell's
 * outputs, if the cell finishes (after `since`) without showing it.
 */
export async function waitForCellOutput(cell: vscode.NotebookCell, pattern: RegExp, since: number, timeoutMs = 120_000): Promise<void> {
  await waitFor(`cell ${cell.index + 1} to show ${pattern}`, () => {
    if (pattern.test(cellText(cell))) return true;
    const summary = cell.executionSummary;
    const finished = summary?.success !== undefined && (!summary.timing || summary.timing.endTime >= since);
    if (finished) assert.fail(`cell ${cell.index + 1} finished without showing ${pattern}:\n${cellText(cell)}`);
    return false;
  }, timeoutMs);
}

/** Runs cells (all when omitted) and waits for them: what a user sees after pressing Run. */
export async function runAndWait(editor: vscode.NotebookEditor, cells?: vscode.NotebookCell[], timeoutMs = 300_000): Promise<boolean[]> {
  const since = Date.now();
  await runCells(editor, cells);
  const targets = cells ?? codeCells(editor.notebook);
  const results: boolean[] = [];
  for (const cell of targets) {
    const ok = await waitForCellDone(cell, since, timeoutMs);
    results.push(ok);
    if (!ok) break; // a failed cell stops the rest of the queue; they never run
  }
  return results;
}

/** Asserts every cell of a run succeeded, showing the failed cell's outputs if not. */
export function assertAllSucceeded(editor: vscode.NotebookEditor, results: boolean[]): void {
  const cells = codeCells(editor.notebook);
  const failed = results.indexOf(false);
  if (failed >= 0) assert.fail(`cell ${cells[failed].index + 1} failed:\n${cellText(cells[failed])}`);
  assert.equal(results.length, cells.length, 'every code cell ran');
}
