/**
 * Notebook files as plain data: pick the format by the file's extension, parse and serialize.
 * Used by the VS Code serializer and by the `fitlab` CLI; no vscode here.
 */
import { parseIpynb, serializeIpynb } from './ipynb';
import { parseTfnb, serializeTfnb } from './tfnb';
import { NotebookFormatError, type NotebookCell, type NotebookDocument } from './types';

export { emptyTfnb, parseTfnb, serializeTfnb } from './tfnb';
export { emptyIpynb, parseIpynb, serializeIpynb } from './ipynb';
export * from './types';

export type NotebookFormat = NotebookDocument['format'];

/** The format a file name stands for, or undefined for any other extension. */
export function formatOfFile(file: string): NotebookFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.tfnb')) return 'tfnb';
  if (lower.endsWith('.ipynb')) return 'ipynb';
  return undefined;
}

/** The file's format; throws a NotebookFormatError for a file that is not a notebook. */
export function notebookFormatOf(file: string): NotebookFormat {
  const format = formatOfFile(file);
  if (!format) throw new NotebookFormatError(`${file}: not a notebook (expected a .tfnb or .ipynb file)`);
  return format;
}

export function parseNotebook(text: string, file: string): NotebookDocument {
  return notebookFormatOf(file) === 'tfnb' ? parseTfnb(text, file) : parseIpynb(text, file);
}

export function serializeNotebook(doc: NotebookDocument): string {
  return doc.format === 'ipynb' ? serializeIpynb(doc) : serializeTfnb(doc);
}

/** Whether Fitlab runs this cell: TypeScript code cells (others are kept, not run). */
export function isRunnableCell(cell: NotebookCell): boolean {
  return cell.kind === 'code' && cell.language === 'typescript';
}
