/**
 * The checker behind `fitlab check`: a notebook's code cells checked as one program, errors
 * numbered the way the user sees them — cell N counts every cell of the notebook (markdown too),
 * line L counts lines inside the cell, both from 1.
 */
import { NotebookLanguageService } from './notebookLanguageService';
import type { TypeEnvironment } from './typeEnvironment';

export interface CheckedError {
  /** 1-based position of the cell in the notebook, counting every cell. */
  cell: number;
  /** 1-based line and column inside the cell. */
  line: number;
  column: number;
  /** One line ("… Type 'string' is not assignable to type 'number'."). */
  message: string;
  code: number;
}

export interface CellForCheck {
  source: string;
  /** Only cells Fitlab runs (TypeScript code cells) are checked; others keep their number. */
  checked: boolean;
}

export function checkNotebookCells(cells: readonly CellForCheck[], env?: TypeEnvironment): CheckedError[] {
  const notebookIndexOf: number[] = [];
  const sources: string[] = [];
  cells.forEach((cell, index) => {
    if (!cell.checked) return;
    notebookIndexOf.push(index);
    sources.push(cell.source);
  });
  if (sources.length === 0) return [];
  const service = new NotebookLanguageService(env);
  try {
    service.setCells(sources);
    return service
      .diagnostics()
      .filter((d) => d.severity === 'error')
      .map((d) => ({
        cell: notebookIndexOf[d.cell] + 1,
        line: d.start.line + 1,
        column: d.start.character + 1,
        message: d.message.replace(/\s*\n\s*/g, ' '),
        code: d.code,
      }));
  } finally {
    service.dispose();
  }
}

/** The format: `cell N, line L: message`. */
export function formatCheckLine(error: CheckedError): string {
  return `cell ${error.cell}, line ${error.line}: ${error.message}`;
}
