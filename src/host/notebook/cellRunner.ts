/**
 * Runs one queued cell on its notebook's kernel and turns the kernel's events into the cell's
 * outputs, the run store's records and the status bar's epoch counter. Resolves to whether the
 * cell succeeded (a failure stops the rest of the queue).
 */
import * as vscode from 'vscode';
import type { ExecutionEvent } from '../../protocol/kernel';
import { renderRunSvg } from '../../report/svg';
import type { RunStore } from '../../runs/runStore';
import { kernelBanner } from '../kernel/kernelBanner';
import type { KernelManager, KernelOutcome } from '../kernel/kernelManager';
import { cellErrorForDisplay } from './cellErrorText';
import { applyExecutionEvent } from './executionEvents';
import { ExecutionOutputs } from './executionOutputs';
import { notebookDir } from './notebookDir';
import { OutputWriter } from './outputWriter';

export interface CellRunnerDeps {
  kernels: KernelManager;
  store: RunStore;
}

/** Ends an execution with an error output of our own (not from the kernel). */
export async function refuseCell(execution: vscode.NotebookCellExecution, name: string, message: string): Promise<false> {
  execution.start(Date.now());
  await execution.replaceOutput(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error({ name, message, stack: `${name}: ${message}` })]));
  execution.end(false, Date.now());
  return false;
}

export async function runCell(execution: vscode.NotebookCellExecution, deps: CellRunnerDeps): Promise<boolean> {
  const cell = execution.cell;
  const notebook = cell.notebook.uri.toString();
  if (cell.document.languageId !== 'typescript') {
    return refuseCell(
      execution,
      'Fitlab',
      `Fitlab runs TypeScript cells only; cell ${cell.index + 1} is ${cell.document.languageId}. Change the cell's language to TypeScript, or pick another kernel for it.`,
    );
  }
  const code = cell.document.getText();
  if (code.trim() === '') {
    // Like Jupyter: an empty cell "runs" without an order number or a success mark.
    execution.start(Date.now());
    await execution.clearOutput();
    execution.end(undefined);
    return true;
  }

  execution.start(Date.now());
  await execution.clearOutput();
  // Jupyter notebooks also get each run's curves as an SVG, so GitHub and Jupyter show them.
  const outputs = new ExecutionOutputs(
    cell.notebook.notebookType === 'jupyter-notebook' ? { staticImage: (o) => ({ mime: 'image/svg+xml', value: renderRunSvg(o.run, o.findings) }) } : {},
  );
  const writer = new OutputWriter(execution);

  let started;
  try {
    started = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Fitlab: starting kernel (loading TensorFlow.js)' },
      () => deps.kernels.ensureStarted(notebook, notebookDir(cell.notebook.uri)),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    writer.apply(outputs.error({ name: 'KernelStartError', message: `The Fitlab kernel could not start: ${message}`, stack: `KernelStartError: The Fitlab kernel could not start: ${message}` }));
    await writer.flush();
    execution.end(false, Date.now());
    return false;
  }
  execution.executionOrder = deps.kernels.nextExecutionOrder(notebook);
  if (started.banner) writer.apply(outputs.note(kernelBanner(started.info)));

  const onEvent = (event: ExecutionEvent): void => {
    try {
      writer.apply(applyExecutionEvent(event, notebook, outputs, deps));
    } catch (error) {
      // A fault in showing an event must not stop the cell: say so in the cell and go on.
      const reason = error instanceof Error ? error.message : String(error);
      writer.apply(outputs.stream('stderr', `Fitlab could not show a ${event.type} event: ${reason}\n`));
    }
  };
  let outcome: KernelOutcome;
  try {
    outcome = await started.kernel.execute({ code, cellIndex: cell.index, notebook }, onEvent);
  } catch (error) {
    // The client itself failed (e.g. disposed by a restart while the cell ran).
    const message = error instanceof Error ? error.message : String(error);
    outcome = { ok: false, error: { name: 'KernelError', message }, kernelDied: true };
  }
  deps.kernels.setTraining(notebook, undefined);
  if (outcome.ok) {
    writer.apply(outputs.result(outcome.result));
  } else {
    if (outcome.kernelDied) deps.store.abandonRunning(notebook, 'the kernel stopped while training');
    writer.apply(outputs.error(cellErrorForDisplay(outcome.error)));
  }
  await writer.flush();
  execution.end(outcome.ok, Date.now());
  return outcome.ok;
}
