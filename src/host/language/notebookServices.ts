/**
 * One NotebookLanguageService per open notebook (Fitlab's .tfnb and Jupyter's .ipynb), kept in step
 * with the notebook's TypeScript code cells. Syncing is done on demand — compare each cell's text
 * with what the service has — so cells added, moved, deleted or edited are all the same case, and
 * only a cell whose text changed re-enters the service.
 */
import * as vscode from 'vscode';
import { NotebookLanguageService } from '../../language';

/** Notebook types whose TypeScript cells Fitlab's checker owns. */
export const LANGUAGE_NOTEBOOK_TYPES = ['fitlab-notebook', 'jupyter-notebook'] as const;

export function isCheckedNotebook(notebook: vscode.NotebookDocument): boolean {
  return (LANGUAGE_NOTEBOOK_TYPES as readonly string[]).includes(notebook.notebookType);
}

export function isCheckedCell(cell: vscode.NotebookCell): boolean {
  return cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === 'typescript';
}

/** A cell document located in its notebook's service: `index` counts the checked cells only. */
export interface CellContext {
  service: NotebookLanguageService;
  notebook: vscode.NotebookDocument;
  index: number;
  /** The notebook's checked cells, in order (index -> cell). */
  cells: vscode.NotebookCell[];
}

interface Entry {
  service: NotebookLanguageService;
  sources: string[];
}

export class NotebookServices implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();

  /** The service of the notebook holding this cell document, synced to the notebook's text. */
  forDocument(document: vscode.TextDocument): CellContext | undefined {
    const notebook = vscode.workspace.notebookDocuments.find((nb) => isCheckedNotebook(nb) && nb.getCells().some((c) => c.document === document));
    if (!notebook) return undefined;
    const cells = this.checkedCells(notebook);
    const index = cells.findIndex((c) => c.document === document);
    if (index < 0) return undefined;
    return { service: this.sync(notebook, cells), notebook, index, cells };
  }

  /** Syncs and returns the service of a notebook (created on first use). */
  forNotebook(notebook: vscode.NotebookDocument): { service: NotebookLanguageService; cells: vscode.NotebookCell[] } {
    const cells = this.checkedCells(notebook);
    return { service: this.sync(notebook, cells), cells };
  }

  close(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    this.entries.get(key)?.service.dispose();
    this.entries.delete(key);
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.service.dispose();
    this.entries.clear();
  }

  private checkedCells(notebook: vscode.NotebookDocument): vscode.NotebookCell[] {
    return notebook.getCells().filter(isCheckedCell);
  }

  private sync(notebook: vscode.NotebookDocument, cells: vscode.NotebookCell[]): NotebookLanguageService {
    const key = notebook.uri.toString();
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { service: new NotebookLanguageService(), sources: [] };
      this.entries.set(key, entry);
    }
    const sources = cells.map((c) => c.document.getText());
    if (sources.length !== entry.sources.length) {
      entry.service.setCells(sources);
    } else {
      sources.forEach((text, i) => {
        if (text !== entry!.sources[i]) entry!.service.updateCell(i, text);
      });
    }
    entry.sources = sources;
    return entry.service;
  }
}
