/**
 * Type errors of TypeScript cells in the 'fitlab-ts' DiagnosticCollection, each on its own cell
 * and line, re-checked shortly after the user stops typing (debounced per notebook).
 */
import * as vscode from 'vscode';
import type { CellDiagnostic } from '../../language';
import { toRange } from './convert';
import { isCheckedCell, isCheckedNotebook, type NotebookServices } from './notebookServices';

const DEBOUNCE_MS = 300;

export class CellDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('fitlab-ts');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Cell documents we reported on per notebook, to clear those that no longer have errors. */
  private readonly reported = new Map<string, vscode.Uri[]>();
  /** The latest check per notebook: an answer to an older one (text since changed) is dropped. */
  private readonly generation = new Map<string, number>();

  constructor(private readonly services: NotebookServices) {}

  /** Schedules a re-check of a notebook. */
  schedule(notebook: vscode.NotebookDocument, delay = DEBOUNCE_MS): void {
    if (!isCheckedNotebook(notebook)) return;
    const key = notebook.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!notebook.isClosed) void this.check(notebook);
      }, delay),
    );
  }

  /** Checks now and publishes the result, unless a newer check started meanwhile. */
  async check(notebook: vscode.NotebookDocument): Promise<void> {
    const key = notebook.uri.toString();
    const generation = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, generation);
    if (!notebook.getCells().some(isCheckedCell)) {
      // No TypeScript cells (a Python notebook, or the last one was deleted): nothing to check.
      this.forget(key);
      return;
    }
    const { language, cells } = this.services.forNotebook(notebook);
    let found: CellDiagnostic[];
    try {
      found = await language.call(key, 'diagnostics');
    } catch (error) {
      console.error(`fitlab: type-checking ${notebook.uri.fsPath} failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (this.generation.get(key) !== generation || notebook.isClosed) return;
    const byCell = new Map<number, vscode.Diagnostic[]>();
    for (const d of found) {
      const list = byCell.get(d.cell) ?? [];
      list.push(toDiagnostic(d));
      byCell.set(d.cell, list);
    }
    this.forget(key);
    const uris: vscode.Uri[] = [];
    cells.forEach((cell, i) => {
      const list = byCell.get(i);
      if (!list) return;
      this.collection.set(cell.document.uri, list);
      uris.push(cell.document.uri);
    });
    this.reported.set(key, uris);
  }

  /** Removes what was last reported for the notebook. */
  private forget(key: string): void {
    for (const uri of this.reported.get(key) ?? []) this.collection.delete(uri);
    this.reported.delete(key);
  }

  clear(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.forget(key);
    this.generation.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.collection.dispose();
  }
}

function toDiagnostic(d: CellDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(d), d.message, d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  diagnostic.source = 'fitlab-ts';
  diagnostic.code = d.code;
  return diagnostic;
}
