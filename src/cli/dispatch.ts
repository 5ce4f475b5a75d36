/**
 * The `fitlab` command line: picks the command (run, diagnose, check) and hands it the rest.
 * Separate from main.ts (which touches the real process) so tests can call it with buffers.
 */
import { version } from '../../package.json';
import { EXIT_BAD_INPUT, EXIT_OK, type CliIo } from './io';
import { runCommand, RUN_USAGE, type RunOptions } from './run';

export const USAGE = `fitlab ${version}: train, diagnose and check regularized neural networks from TypeScript notebooks

usage:
  fitlab run <notebook.tfnb|notebook.ipynb> [--out DIR] [--backend auto|tensorflow|wasm|cpu] [--fail-on error|warning|info]
      Runs every TypeScript cell in order, printing output and one line per training epoch, then
      writes the executed notebook and report.html into DIR (default ./fitlab-out/<notebook name>/).
      --fail-on: exit 1 when a run has a finding that severe (e.g. overfitting is a warning), for CI.
  fitlab diagnose [--json] <history.json|log.csv|run.json>
      Says whether and when a training history overfits, and what to do about it.
  fitlab check <notebook>
      Type-checks a notebook's TypeScript cells.

  fitlab --help | --version
exit codes: 0 ok, 1 a cell failed or problems were found, 2 bad input, 130 interrupted`;

export async function runCli(argv: string[], io: CliIo, runOptions: RunOptions): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run':
      if (rest.includes('--help') || rest.includes('-h')) return help(io, RUN_USAGE);
      return runCommand(rest, io, runOptions);
    // Loaded on demand: `check` brings the whole TypeScript compiler, which `run` never needs.
    case 'diagnose':
      return (await import('./diagnose.js')).diagnoseCommand(rest, io);
    case 'check':
      return (await import('./check.js')).checkCommand(rest, io);
    case '--version':
    case '-v':
      io.stdout(`${version}\n`);
      return EXIT_OK;
    case '--help':
    case '-h':
    case 'help':
      return help(io, USAGE);
    case undefined:
      io.stderr(`fitlab: which command? run, diagnose or check\n${shortHint()}\n`);
      return EXIT_BAD_INPUT;
    default:
      io.stderr(`fitlab: unknown ${command.startsWith('-') ? 'option' : 'command'} "${command}"\n${shortHint()}\n`);
      return EXIT_BAD_INPUT;
  }
}

function help(io: CliIo, text: string): number {
  io.stdout(text + '\n');
  return EXIT_OK;
}

function shortHint(): string {
  return 'usage: fitlab run|diagnose|check ... (fitlab --help for more)';
}
