/**
 * Entry of dist/cli.js (bin/fitlab.js): wires the real process (argv, streams, Ctrl-C, exit code)
 * to the command line in dispatch.ts.
 */
import { join } from 'node:path';
import { KernelClient } from '../kernel-client/kernelClient';
import { runCli } from './dispatch';
import type { CliIo } from './io';

/** Set when the reader of stdout went away (`fitlab run x | head`): keep working, stop printing. */
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});

const io: CliIo = {
  stdout: (text) => void (stdoutClosed || process.stdout.write(text)),
  stderr: (text) => void process.stderr.write(text),
  cwd: process.cwd(),
};

/** Ctrl-C goes to the running command first; a third press leaves at once whatever it is doing. */
function onInterrupt(handler: () => void): () => void {
  let presses = 0;
  const listener = () => {
    presses++;
    if (presses >= 3) process.exit(130);
    handler();
  };
  process.on('SIGINT', listener);
  return () => process.off('SIGINT', listener);
}

runCli(process.argv.slice(2), io, {
  // The kernel bundle sits next to this one in dist/.
  kernelEntry: join(__dirname, 'kernel.js'),
  createKernel: (options) => new KernelClient(options),
  tty: process.stdout.isTTY === true,
  // Errors go to stderr: no colours when it is redirected to a file, or NO_COLOR asks so.
  noColor: (process.env.NO_COLOR ?? '') !== '' || process.stderr.isTTY !== true,
  onInterrupt,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`fitlab: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
