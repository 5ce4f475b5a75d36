/**
 * What `fitlab run` was asked to do: its flags checked, and the notebook read, before any kernel
 * starts. Every problem here is bad input (exit 2) with one line naming the file and what is wrong.
 */
import { readFileSync } from 'node:fs';
import { isRunnableCell, notebookFormatOf, parseNotebook, type NotebookDocument } from '../notebook-format';
import type { Severity } from '../protocol/findings';
import type { BackendPreference } from '../protocol/kernel';
import { parseFlags, UsageError } from './args';
import { BadInputError } from './outputPlace';

const BACKENDS: readonly BackendPreference[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

export interface RunRequest {
  input: string;
  outDir: string | undefined;
  backend: BackendPreference;
  /** For CI: exit 1 when a run has a finding this severe or worse. */
  failOn: Severity | undefined;
}

const FAIL_ON: readonly Severity[] = ['error', 'warning', 'info'];

export function readRequest(args: string[]): RunRequest {
  const { positionals, flags } = parseFlags(args, { out: { type: 'string', short: 'o' }, backend: { type: 'string' }, 'fail-on': { type: 'string' } });
  if (positionals.length === 0) throw new UsageError('which notebook? give its path');
  if (positionals.length > 1) throw new UsageError(`one notebook at a time (got ${positionals.length}: ${positionals.join(', ')})`);
  const backend = (flags.backend ?? 'auto') as BackendPreference;
  if (!BACKENDS.includes(backend)) throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')} (got "${String(flags.backend)}")`);
  const failOn = flags['fail-on'] as Severity | undefined;
  if (failOn !== undefined && !FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')} (got "${failOn}")`);
  return { input: positionals[0], outDir: flags.out as string | undefined, backend, failOn };
}

export function readNotebook(path: string, shown: string): NotebookDocument {
  notebookFormatOf(shown);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BadInputError(`${shown}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a notebook' : (error as Error).message}`);
  }
  const doc = parseNotebook(text, shown);
  if (!doc.cells.some(isRunnableCell)) throw new BadInputError(`${shown}: no TypeScript code cells to run`);
  return doc;
}
