/**
 * A way for an interrupt to reach the kernel while its main thread is busy.
 *
 * A fit runs batch after batch on promise microtasks and never gives the event loop a turn, so the
 * host's IPC 'interrupt' message would only be read after the fit ends by itself. Instead the host
 * also writes a byte to the kernel's stdin; a small worker thread (with its own event loop) reads it
 * and raises a flag in shared memory, which the main thread reads synchronously at every batch.
 */
import { Worker } from 'node:worker_threads';

// Runs in the worker: stdin bytes raise the flag; the worker never keeps the process alive.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const net = require('node:net');
const flag = new Int32Array(workerData);
try {
  const input = new net.Socket({ fd: 0, readable: true, writable: false });
  input.on('data', () => Atomics.store(flag, 0, 1));
  input.on('error', () => {});
} catch {}
`;

export class InterruptChannel {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));

  /** Starts listening on stdin; without a stdin pipe, the IPC interrupt message still works. */
  listen(): void {
    try {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: this.flag.buffer, stdout: false, stderr: false });
      worker.on('error', () => undefined);
      worker.unref();
    } catch {
      // No worker threads: interrupts arrive over IPC only (between awaits of real timers or I/O).
    }
  }

  /** True once an interrupt byte arrived since the last reset. Cheap: safe to call every batch. */
  get raised(): boolean {
    return Atomics.load(this.flag, 0) === 1;
  }

  reset(): void {
    Atomics.store(this.flag, 0, 0);
  }
}
