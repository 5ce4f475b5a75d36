/**
 * The language service of each open notebook (Fitlab's .tfnb and Jupyter's .ipynb), running in a
 * worker thread (src/language/languageClient.ts) so checking never blocks the extension host.
 * Syncing is done on demand: the cells' texts are compared with what was last sent, and the
 * difference goes as the cell edits it amounts to (src/language/cellEdits.ts) — a cell added,
 * removed or moved is an insertion or removal, not a new notebook to check whole. Updates are
 * posted before the query that needs them; the worker answers in order.
 */
import * as vscode from 'vscode';
import { cellEdits } from '../../language/cellEdits';
import { createLanguageClient, type NotebookLanguageClient } from '../../language/languageClient';

/** Notebook types whose TypeScript cells Fitlab's checker owns. */
export const LANGUAGE_NOTEBOOK_TYPES = ['fitlab-notebook', 'jupyter-notebook'] as const;

export function isCheckedNotebook(notebook: vscode.NotebookDocument): boolean {
  return (LANGUAGE_NOTEBOOK_TYPES as readonly string[]).includes(notebook.notebookType);
}

export function isCheckedCell(cell: vscode.NotebookCell): boolean {
  return cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === 'typescript';
}

/** A notebook synced to its language service: `key` names it in calls on `language`. */
export interface SyncedNotebook {
  language: NotebookLanguageClient;
  key: string;
  notebook: vscode.NotebookDocument;
  /** The notebook's checked cells, in order (service cell index -> cell). */
  cells: vscode.NotebookCell[];
}

/** A cell document located in its synced notebook: `index` counts the checked cells only. */
export interface CellContext extends SyncedNotebook {
  index: number;
}

export class NotebookServices implements vscode.Disposable {
  private client: NotebookLanguageClient | undefined;
  /**
   * The checker's worker starts with the first notebook that has TypeScript cells: Fitlab activates
   * with every Jupyter notebook, and a Python notebook should not cost a worker loading TypeScript.
   */
  private get language(): NotebookLanguageClient {
    this.client ??= createLanguageClient();
    return this.client;
  }
  private readonly sent = new Map<string, string[]>();

  /** The synced notebook holding this cell document, if it is a checked cell. */
  forDocument(document: vscode.TextDocument): CellContext | undefined {
    const notebook = vscode.workspace.notebookDocuments.find((nb) => isCheckedNotebook(nb) && nb.getCells().some((c) => c.document === document));
    if (!notebook) return undefined;
    const synced = this.forNotebook(notebook);
    const index = synced.cells.findIndex((c) => c.document === document);
    return index < 0 ? undefined : { ...synced, index };
  }

  /** Sends the notebook's changed cells to its service (created on first use). */
  forNotebook(notebook: vscode.NotebookDocument): SyncedNotebook {
    const key = notebook.uri.toString();
    const cells = notebook.getCells().filter(isCheckedCell);
    const sources = cells.map((c) => c.document.getText());
    const before = this.sent.get(key);
    // A failed update also fails the query after it, which reports; the service may then hold
    // other cells than those recorded as sent, so the next sync sends them all.
    const resync = () => this.sent.delete(key);
    if (!before) {
      this.language.call(key, 'setCells', sources).catch(resync);
    } else {
      for (const edit of cellEdits(before, sources)) {
        if (edit.kind === 'update') this.language.call(key, 'updateCell', edit.index, edit.source).catch(resync);
        else if (edit.kind === 'insert') this.language.call(key, 'insertCell', edit.index, edit.source).catch(resync);
        else this.language.call(key, 'removeCell', edit.index).catch(resync);
      }
    }
    this.sent.set(key, sources);
    return { language: this.language, key, notebook, cells };
  }

  close(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    this.sent.delete(key);
    this.client?.close(key);
  }

  dispose(): void {
    this.sent.clear();
    this.client?.dispose();
  }
}
