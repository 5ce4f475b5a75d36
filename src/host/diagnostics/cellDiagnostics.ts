/**
 * The 'fitlab' DiagnosticCollection over notebook cells: static hints of each TypeScript cell
 * (recomputed as it changes, debounced), and the findings of finished runs, placed on the code they
 * concern. A run's findings go away when a cell they sit in, or the cell that ran, is edited.
 */
import * as vscode from 'vscode';
import { lintCell } from '../../diagnostics/code/lint';
import { findingHeadline } from '../../diagnostics/format';
import { placeInNotebook } from '../../diagnostics/code/place';
import type { Finding } from '../../protocol/findings';
import type { Run } from '../../protocol/run';
import { makeDiagnostic } from './convert';
import { isTypeScriptCell } from './notebookCells';

const HINT_DELAY_MS = 300;

interface RunDiagnostics {
  notebook: string;
  fitCell: string;
  fitLine: number | undefined;
  perCell: Map<string, vscode.Diagnostic[]>;
}

export class CellDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('fitlab');
  private readonly hints = new Map<string, vscode.Diagnostic[]>();
  private readonly runs = new Map<string, RunDiagnostics>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Recomputes the static hints of a cell now. */
  refreshHints(cell: vscode.NotebookCell): void {
    const key = cell.document.uri.toString();
    if (!isTypeScriptCell(cell)) {
      this.hints.delete(key);
    } else {
      this.hints.set(key, lintCell(cell.document.getText()).map((h) => makeDiagnostic(h.range, h.severity, h.id, h.message, h.actions)));
    }
    this.publish(key, cell.document.uri);
  }

  /** Recomputes a cell's hints after typing pauses. */
  scheduleHints(cell: vscode.NotebookCell): void {
    const key = cell.document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (!cell.notebook.isClosed) this.refreshHints(cell);
    }, HINT_DELAY_MS));
  }

  /** Shows a finished run's findings; a re-run of the same fit replaces the previous run's. */
  showRun(notebook: vscode.NotebookDocument, run: Run, findings: readonly Finding[]): void {
    const index = run.cell?.index;
    const fitCell = index !== undefined && index < notebook.cellCount ? notebook.cellAt(index) : undefined;
    if (!fitCell) return;
    const fitKey = fitCell.document.uri.toString();
    for (const [id, entry] of this.runs) {
      if (entry.fitCell === fitKey && entry.fitLine === run.cell?.fitLine) this.dropRun(id);
    }
    const cells = notebook.getCells();
    const sources = cells.map((c) => (isTypeScriptCell(c) ? c.document.getText() : ''));
    const perCell = new Map<string, vscode.Diagnostic[]>();
    for (const placed of placeInNotebook(sources, fitCell.index, findings, run)) {
      const key = cells[placed.cell]!.document.uri.toString();
      const diagnostic = makeDiagnostic(placed.range, placed.finding.severity, placed.finding.id, `${findingHeadline(placed.finding)} (run ${run.label})`, placed.finding.actions);
      perCell.set(key, [...(perCell.get(key) ?? []), diagnostic]);
    }
    this.runs.set(run.id, { notebook: notebook.uri.toString(), fitCell: fitKey, fitLine: run.cell?.fitLine, perCell });
    for (const key of perCell.keys()) this.publish(key, vscode.Uri.parse(key));
  }

  /** A cell was edited: its run findings (and those of runs it started) no longer describe its code. */
  cellEdited(cell: vscode.NotebookCell): void {
    const key = cell.document.uri.toString();
    for (const [id, entry] of this.runs) if (entry.fitCell === key || entry.perCell.has(key)) this.dropRun(id);
    this.scheduleHints(cell);
  }

  /** Forgets everything about a closed notebook. */
  notebookClosed(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    for (const [id, entry] of this.runs) if (entry.notebook === key) this.dropRun(id);
    for (const cell of notebook.getCells()) {
      const cellKey = cell.document.uri.toString();
      clearTimeout(this.timers.get(cellKey));
      this.timers.delete(cellKey);
      this.hints.delete(cellKey);
      this.collection.delete(cell.document.uri);
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.collection.dispose();
  }

  private dropRun(id: string): void {
    const entry = this.runs.get(id);
    if (!entry) return;
    this.runs.delete(id);
    for (const key of entry.perCell.keys()) this.publish(key, vscode.Uri.parse(key));
  }

  private publish(key: string, uri: vscode.Uri): void {
    const fromRuns = [...this.runs.values()].flatMap((r) => r.perCell.get(key) ?? []);
    // A run's finding says more than the static hint of the same kind on the same line.
    const covered = new Set(fromRuns.map((d) => `${String(d.code)}@${d.range.start.line}`));
    const hints = (this.hints.get(key) ?? []).filter((d) => !covered.has(`${String(d.code)}@${d.range.start.line}`));
    this.collection.set(uri, [...fromRuns, ...hints]);
  }
}
