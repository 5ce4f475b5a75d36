/**
 * A notebook as Fitlab reads and writes it, independent of VS Code: the `.tfnb` file format and
 * Jupyter `.ipynb` (nbformat 4) both parse into this shape, and serialize back from it.
 *
 * `.tfnb` on disk (JSON, 1-space indent, readable in a diff):
 * {
 *   "fitlab": 1,
 *   "metadata": { "fitlab": { "runs": [Run...], "checklist": { "define-problem": true } } },
 *   "cells": [
 *     { "kind": "markdown", "source": ["# Title", "text"] },
 *     { "kind": "code", "language": "typescript", "source": ["const x = 1;", "x"],
 *       "outputs": [{ "items": [{ "mime": "text/plain", "value": "1" }] }],
 *       "execution": { "order": 1, "success": true } }
 *   ]
 * }
 * `source` is an array of lines without their line breaks (joined with "\n").
 */
import type { DisplayItem } from '../protocol/display';
import type { ChecklistTicks } from '../protocol/findings';
import type { JsonObject } from '../protocol/json';
import type { Run } from '../protocol/run';

/** Mime types of console streams inside outputs (VS Code's own). */
export const STDOUT_MIME = 'application/vnd.code.notebook.stdout';
export const STDERR_MIME = 'application/vnd.code.notebook.stderr';

export interface CellOutput {
  items: DisplayItem[];
  /** The value of the cell's last expression (ipynb "execute_result"), not a display or stream. */
  result?: true;
  /** Format-specific output metadata kept as-is (ipynb's output metadata). */
  metadata?: JsonObject;
}

export interface NotebookCell {
  kind: 'code' | 'markdown';
  /** "typescript" for code cells Fitlab runs; other languages are kept but not run. */
  language: string;
  /** The cell's text, lines joined with "\n". */
  source: string;
  outputs: CellOutput[];
  execution?: { order?: number; success?: boolean };
  /** Format-specific cell metadata kept as-is (e.g. ipynb's). */
  metadata?: JsonObject;
  /** The cell's id in the file (ipynb nbformat >= 4.5), kept as-is. */
  id?: string;
  /** ipynb markdown attachments (images pasted into the cell), kept as-is. */
  attachments?: JsonObject;
}

/** What Fitlab keeps in a notebook's metadata. */
export interface FitlabMetadata {
  runs: Run[];
  checklist: ChecklistTicks;
}

export interface NotebookDocument {
  format: 'tfnb' | 'ipynb';
  cells: NotebookCell[];
  fitlab: FitlabMetadata;
  /** Other notebook metadata kept as-is (ipynb's kernelspec, language_info, ...). */
  metadata: JsonObject;
  /** ipynb only: the file's nbformat_minor, written back unchanged (new notebooks get 5). */
  nbformatMinor?: number;
}

/** A notebook file that cannot be read. `message` is one line naming the file and the field. */
export class NotebookFormatError extends Error {
  override readonly name = 'NotebookFormatError';
}
