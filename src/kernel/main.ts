/**
 * The kernel process (dist/kernel.js), forked by src/kernel-client with a Node IPC channel.
 * This file is only the message loop: src/protocol/kernel.ts defines the messages, KernelSession
 * does the work. The kernel exits when its host goes away, so it never outlives VS Code or the CLI.
 */
import { dirname } from 'node:path';
import type { HostToKernel, KernelToHost } from '../protocol/kernel';
import { KernelSession } from './session';

function send(message: KernelToHost): void {
  if (process.connected) process.send?.(message);
}

// Stack frames from the kernel's own code are not the user's business: the bundle when built
// (which contains tfjs too), this folder when running from source.
const kernelPaths = [__filename, dirname(__filename) + '/'];
// Errors from deep inside tfjs need enough frames to reach the cell that called it.
Error.stackTraceLimit = 50;
const session = new KernelSession(send, kernelPaths);

process.on('message', (message: HostToKernel) => {
  switch (message.type) {
    case 'start':
      session.start(message).then((ready) => {
        keepKernelAliveOnStrayErrors();
        send(ready);
      }, (error: unknown) => {
        process.stderr.write(`The kernel could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
      });
      return;
    case 'execute':
      session.execute(message);
      return;
    case 'interrupt':
      session.interrupt();
      return;
    case 'shutdown':
      process.exit(0);
  }
});

/**
 * A callback that throws after its cell finished must not kill the kernel and all its state.
 * Installed again after tfjs loads: the wasm backend's Emscripten glue adds handlers that rethrow.
 */
function keepKernelAliveOnStrayErrors(): void {
  process.removeAllListeners('uncaughtException');
  process.removeAllListeners('unhandledRejection');
  process.on('uncaughtException', (error) => session.reportUncaught(error));
  process.on('unhandledRejection', (reason) => session.reportUncaught(reason));
}
keepKernelAliveOnStrayErrors();
process.on('disconnect', () => process.exit(0));
// Interrupts arrive over IPC (and the interrupt channel), never as signals. A Ctrl-C in a terminal
// running `fitlab run` sends SIGINT to the whole foreground process group, kernel included: the
// CLI's own handler decides what it means (interrupt the cell, or exit on the second Ctrl-C), so
// the kernel must not die of it and lose the notebook's state.
process.on('SIGINT', () => {});
