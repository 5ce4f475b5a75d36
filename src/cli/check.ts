/**
 * `fitlab check <notebook>`: type-checks a notebook's TypeScript cells as one program, the way the
 * editor does, so a notebook can be checked in CI like any TypeScript project. Prints each error as
 * `cell N, line L: message` on stdout and a one-line summary on stderr; exits 1 when there is any
 * error, 0 when clean, 2 when the notebook cannot be read.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkNotebookCells, formatCheckLine } from '../language/checkNotebook';
import { isRunnableCell, parseNotebook } from '../notebook-format';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_PROBLEMS, type CliIo } from './io';

const USAGE = 'usage: fitlab check <notebook.tfnb|notebook.ipynb>';

/** `fitlab check <notebook>`: type errors as "cell N, line L: message"; exit 1 when any. */
export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const files = args.filter((a) => !a.startsWith('-'));
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--help' && a !== '-h');
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${USAGE}\nType-checks the notebook's TypeScript cells as one program; exit 1 on type errors, 0 when clean, 2 on unreadable input.\n`);
    return EXIT_OK;
  }
  if (unknown.length > 0) {
    io.stderr(`fitlab check: unknown option ${unknown[0]}\n${USAGE}\n`);
    return EXIT_BAD_INPUT;
  }
  if (files.length !== 1) {
    io.stderr(`fitlab check: ${files.length === 0 ? 'no notebook given' : 'give exactly one notebook'}\n${USAGE}\n`);
    return EXIT_BAD_INPUT;
  }
  const file = resolve(io.cwd, files[0]);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.stderr(`fitlab check: cannot read ${files[0]}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return EXIT_BAD_INPUT;
  }
  let cells;
  try {
    cells = parseNotebook(text, files[0]).cells;
  } catch (error) {
    io.stderr(`fitlab check: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_BAD_INPUT;
  }
  const errors = checkNotebookCells(cells.map((c) => ({ source: c.source, checked: isRunnableCell(c) })));
  for (const e of errors) io.stdout(`${formatCheckLine(e)}\n`);
  const checked = cells.filter(isRunnableCell).length;
  if (errors.length === 0) {
    io.stderr(`${files[0]}: no type errors in ${checked} TypeScript cell${checked === 1 ? '' : 's'}\n`);
    return EXIT_OK;
  }
  const inCells = new Set(errors.map((e) => e.cell)).size;
  io.stderr(`${files[0]}: ${errors.length} type error${errors.length === 1 ? '' : 's'} in ${inCells} cell${inCells === 1 ? '' : 's'}\n`);
  return EXIT_PROBLEMS;
}
