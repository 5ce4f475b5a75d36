/**
 * `fitlab diagnose [--json] <file>`: findings for a Keras History JSON, a CSVLogger file or a run
 * exported by Fitlab. Exit 0 when the file could be read (whatever the findings), 2 when it could not.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { diagnose } from '../diagnostics';
import { formatFindings } from '../diagnostics/format';
import { HistoryFormatError, parseHistoryFile } from '../diagnostics/historyFile';
import type { Finding } from '../protocol/findings';
import { EXIT_BAD_INPUT, EXIT_OK, type CliIo } from './io';

const USAGE = 'usage: fitlab diagnose [--json] <history.json | training.log | run.json>';

/** `fitlab diagnose [--json] <file>`: findings for a Keras history, CSVLogger file or Fitlab run. */
export async function diagnoseCommand(args: string[], io: CliIo): Promise<number> {
  const json = args.includes('--json');
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
  const files = args.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0 || files.length !== 1) {
    io.stderr(`fitlab diagnose: ${unknown.length ? `unknown option ${unknown[0]}` : files.length ? 'give one file' : 'no file given'}\n${USAGE}\n`);
    return EXIT_BAD_INPUT;
  }
  const file = files[0]!;
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`fitlab diagnose: ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}\n`);
    return EXIT_BAD_INPUT;
  }
  let findings: Finding[];
  let epochs: number;
  let note: string | undefined;
  try {
    const parsed = parseHistoryFile(text, file);
    findings = diagnose(parsed.run);
    epochs = parsed.run.epochs.length;
    note = parsed.note;
  } catch (error) {
    if (!(error instanceof HistoryFormatError)) throw error;
    io.stderr(`fitlab diagnose: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (json) io.stdout(JSON.stringify({ findings: findings.map(toJson) }, null, 2) + '\n');
  else io.stdout(formatFindings(note ? `${file} (${note})` : file, epochs, findings));
  return EXIT_OK;
}

/** The JSON shape of a finding, with a fixed key order. */
function toJson(f: Finding): Finding {
  return { id: f.id, severity: f.severity, epoch: f.epoch, message: f.message, actions: f.actions, ...(f.target ? { target: f.target } : {}), ...(f.layer ? { layer: f.layer } : {}) };
}
