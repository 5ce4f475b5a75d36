/**
 * Where `fitlab run` writes: the executed notebook (same name and format as the input) and the
 * report, into --out DIR or ./fitlab-out/<notebook name>/. It never writes over the input notebook,
 * nor over a notebook in that folder that an earlier `fitlab run` did not write.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { JsonObject } from '../protocol/json';
import { parseNotebook } from '../notebook-format';

/** Notebook metadata key marking a notebook written by `fitlab run` (and so safe to replace). */
export const RUN_MARKER_KEY = 'fitlabRun';

export interface OutputPlace {
  dir: string;
  notebook: string;
}

/** A problem with what the user asked for; `message` is "<file>: <what>". */
export class BadInputError extends Error {
  override readonly name = 'BadInputError';
}

export function defaultOutDir(input: string, cwd: string): string {
  return resolve(cwd, 'fitlab-out', basename(input, extname(input)));
}

export function planOutput(input: string, outDir: string | undefined, cwd: string): OutputPlace {
  const dir = outDir === undefined ? defaultOutDir(input, cwd) : resolve(cwd, outDir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new BadInputError(`${outDir ?? dir}: --out must be a folder, and this is a file`);
  const notebook = join(dir, basename(input));
  if (samePath(notebook, input)) {
    throw new BadInputError(`${outDir ?? dir}: --out would overwrite the input notebook; choose another folder`);
  }
  if (existsSync(notebook) && !writtenByRun(notebook)) {
    throw new BadInputError(`${notebook}: a notebook that fitlab run did not write is already there; choose another --out folder`);
  }
  return { dir, notebook };
}

/** The marker stored in the executed notebook's metadata. */
export function runMarker(input: string): JsonObject {
  return { source: input, written: new Date().toISOString() };
}

function writtenByRun(notebook: string): boolean {
  try {
    return RUN_MARKER_KEY in parseNotebook(readFileSync(notebook, 'utf8'), notebook).metadata;
  } catch {
    return false;
  }
}

/** Same file, also through symlinks of the folders on the way. */
function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return join(realpathSync(dirname(p)), basename(p));
    } catch {
      return resolve(p);
    }
  };
  return resolve(a) === resolve(b) || real(a) === real(b);
}
