/**
 * Fitlab's notebook kernel in VS Code: one controller for .tfnb notebooks and one for Jupyter
 * notebooks (a controller serves one notebook type, and ids must be unique per extension, hence
 * 'fitlab-kernel' and 'fitlab-kernel-jupyter'). Both queue cells per notebook and run them in
 * order on that notebook's kernel.
 */
import * as vscode from 'vscode';
import type { RunStore } from '../../runs/runStore';
import type { KernelManager } from '../kernel/kernelManager';
import { isTrusted, explainUntrusted, UNTRUSTED_MESSAGE } from '../trust';
import { refuseCell, runCell } from './cellRunner';
import { ExecutionQueue, type QueuedCell } from './executionQueue';
import { isTypeScriptJupyter } from './jupyterLanguage';
import { FITLAB_NOTEBOOK_TYPE } from './serializer';

export const CONTROLLER_ID = 'fitlab-kernel';
export const JUPYTER_CONTROLLER_ID = 'fitlab-kernel-jupyter';
export const CONTROLLER_LABEL = 'Fitlab (TensorFlow.js)';

export class FitlabControllers implements vscode.Disposable {
  private readonly controllers: vscode.NotebookController[];
  private readonly queues = new Map<string, ExecutionQueue>();
  /** Jupyter notebooks whose selected kernel is Fitlab's. */
  private readonly selectedJupyter = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: { kernels: KernelManager; store: RunStore }) {
    this.controllers = [this.create(CONTROLLER_ID, FITLAB_NOTEBOOK_TYPE), this.create(JUPYTER_CONTROLLER_ID, 'jupyter-notebook')];
    const jupyter = this.controllers[1];
    this.disposables.push(
      jupyter.onDidChangeSelectedNotebooks(({ notebook, selected }) => {
        if (selected) this.selectedJupyter.add(notebook.uri.toString());
        else this.selectedJupyter.delete(notebook.uri.toString());
      }),
      vscode.workspace.onDidCloseNotebookDocument((doc) => this.closed(doc)),
      vscode.workspace.onDidOpenNotebookDocument((doc) => this.preferForTypeScript(doc)),
    );
    vscode.workspace.notebookDocuments.forEach((doc) => this.preferForTypeScript(doc));
  }

  /** A TypeScript Jupyter notebook lists Fitlab's kernel first in the kernel picker. */
  private preferForTypeScript(doc: vscode.NotebookDocument): void {
    if (doc.notebookType === 'jupyter-notebook' && isTypeScriptJupyter(doc.metadata)) {
      this.controllers[1].updateNotebookAffinity(doc, vscode.NotebookControllerAffinity.Preferred);
    }
  }

  /** Whether Fitlab runs this notebook's cells (a .tfnb, or a Jupyter notebook with Fitlab selected). */
  serves(notebook: vscode.NotebookDocument): boolean {
    return notebook.notebookType === FITLAB_NOTEBOOK_TYPE || this.selectedJupyter.has(notebook.uri.toString());
  }

  /** Drops the notebook's queued cells; returns how many. */
  cancelPending(notebook: vscode.NotebookDocument): number {
    const dropped = this.queues.get(notebook.uri.toString())?.cancelPending() ?? 0;
    this.deps.kernels.setPending(notebook.uri.toString(), 0);
    return dropped;
  }

  /** Stops training: drops queued cells and interrupts the running one. */
  interrupt(notebook: vscode.NotebookDocument): { interrupted: boolean; dropped: number } {
    const dropped = this.cancelPending(notebook);
    return { interrupted: this.deps.kernels.interrupt(notebook.uri.toString()), dropped };
  }

  dispose(): void {
    for (const queue of this.queues.values()) queue.cancelPending();
    for (const d of [...this.disposables, ...this.controllers]) d.dispose();
  }

  private create(id: string, notebookType: string): vscode.NotebookController {
    const controller = vscode.notebooks.createNotebookController(id, notebookType, CONTROLLER_LABEL);
    controller.supportedLanguages = ['typescript'];
    controller.supportsExecutionOrder = true;
    controller.description = 'Runs TypeScript cells with TensorFlow.js';
    controller.detail = 'Trains models in a kernel process; shows live loss curves and overfitting diagnostics';
    controller.executeHandler = (cells, notebook, ctrl) => this.execute(cells, notebook, ctrl);
    controller.interruptHandler = (notebook) => {
      this.interrupt(notebook);
    };
    return controller;
  }

  /**
   * Queues the cells and returns at once: VS Code awaits this handler inside `notebook.execute`
   * and `notebook.cell.execute`, so waiting here would make those commands hang for as long as a
   * fit trains. The cells report their progress through their executions.
   */
  private execute(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument, controller: vscode.NotebookController): void {
    const key = notebook.uri.toString();
    if (!isTrusted()) {
      void explainUntrusted();
      // A cell deleted meanwhile cannot take the output; nothing else to tell then.
      for (const cell of cells) refuseCell(controller.createNotebookCellExecution(cell), 'UntrustedWorkspace', UNTRUSTED_MESSAGE).catch(() => undefined);
      return;
    }
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = new ExecutionQueue()));
    const q = queue;
    const kernels = this.deps.kernels;
    // Executions are created now so the queued cells show as pending right away.
    const queued = cells.map((cell): QueuedCell => {
      const execution = controller.createNotebookCellExecution(cell);
      return {
        run: () => {
          kernels.setPending(key, q.pending);
          return runCell(execution, this.deps);
        },
        cancel: () => execution.end(undefined),
      };
    });
    void q.enqueue(queued).finally(() => kernels.setPending(key, 0));
  }

  private closed(doc: vscode.NotebookDocument): void {
    const key = doc.uri.toString();
    this.queues.get(key)?.cancelPending();
    this.queues.delete(key);
    this.selectedJupyter.delete(key);
    this.deps.kernels.shutdown(key);
  }
}
