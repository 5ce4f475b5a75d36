// Shared setup for the kernel tests: builds dist/kernel.js once, starts real kernels through
// KernelClient, and runs cells collecting their events in arrival order.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutionEvent } from '../../src/protocol/kernel';
import { KernelClient, type ExecutionOutcome, type KernelClientOptions } from '../../src/kernel-client/kernelClient';

export const root = join(__dirname, '..', '..');
const distKernel = join(root, 'dist', 'kernel.js');
/**
 * The tests run a private copy of dist/kernel.js (and its wasm files): other builds in the same
 * tree rewrite dist/ at any moment, and a kernel started from a half-written bundle is not a test
 * of the kernel. The copy sits inside the repository so packages resolve from its node_modules.
 */
const snapshotDir = join(root, 'out', 'kernel-tests', String(process.pid));
export const kernelEntry = join(snapshotDir, 'kernel.js');

let built = false;

/** Builds the bundles when dist/kernel.js is older than a source file, then snapshots the kernel. */
export function buildKernel(): void {
  if (built) return;
  built = true;
  if (!existsSync(distKernel) || newestSource(join(root, 'src')) >= statSync(distKernel).mtimeMs) {
    try {
      execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe' });
    } catch (error) {
      // Another part of the tree may not build right now; a kernel bundle from before still tests the kernel.
      if (!existsSync(distKernel)) throw error;
      process.stderr.write(`build failed, testing the existing dist/kernel.js: ${String(error).split('\n')[0]}\n`);
    }
  }
  snapshotKernel();
}

function snapshotKernel(): void {
  mkdirSync(join(snapshotDir, 'wasm'), { recursive: true });
  process.on('exit', () => rmSync(snapshotDir, { recursive: true, force: true }));
  for (const file of readdirSync(join(root, 'dist', 'wasm'))) copyFileSync(join(root, 'dist', 'wasm', file), join(snapshotDir, 'wasm', file));
  for (let attempt = 0; attempt < 50; attempt++) {
    copyFileSync(distKernel, kernelEntry + '.part');
    // esbuild ends the bundle with its source map comment: without it, the copy caught a write.
    if (readFileSync(kernelEntry + '.part', 'utf8').trimEnd().endsWith('//# sourceMappingURL=kernel.js.map')) {
      renameSync(kernelEntry + '.part', kernelEntry);
      return;
    }
    execFileSync(process.execPath, ['-e', 'setTimeout(() => {}, 200)']);
  }
  throw new Error('dist/kernel.js stayed incomplete (a build kept rewriting it)');
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const clients: KernelClient[] = [];

export function newKernel(options: Partial<KernelClientOptions> = {}): KernelClient {
  buildKernel();
  const client = new KernelClient({ kernelEntry, backend: 'auto', notebookDir: root, ...options });
  clients.push(client);
  return client;
}

export function disposeKernels(): void {
  for (const client of clients.splice(0)) client.dispose();
}

export interface CellRun {
  outcome: ExecutionOutcome;
  /** Every event and the final outcome, in the order they arrived. */
  log: (ExecutionEvent | { type: 'outcome' })[];
  stdout: string;
  stderr: string;
}

/** Starts a cell and returns its outcome promise plus the live event log. */
export function startCell(client: KernelClient, code: string, cellIndex = 0): { done: Promise<CellRun>; log: CellRun['log'] } {
  const log: CellRun['log'] = [];
  const done = client.execute({ code, cellIndex, notebook: 'test.tfnb' }, (event) => log.push(event)).then((outcome) => {
    log.push({ type: 'outcome' });
    const text = (name: 'stdout' | 'stderr') =>
      log
        .filter((e): e is Extract<ExecutionEvent, { type: 'stream' }> => e.type === 'stream' && e.name === name)
        .map((e) => e.text)
        .join('');
    return { outcome, log, stdout: text('stdout'), stderr: text('stderr') };
  });
  return { done, log };
}

export function runCell(client: KernelClient, code: string, cellIndex = 0): Promise<CellRun> {
  return startCell(client, code, cellIndex).done;
}

/** The text/plain result of a successful cell, or a failure that shows the cell's error. */
export function resultText(run: CellRun): string | undefined {
  if (!run.outcome.ok) throw new Error(`cell failed: ${run.outcome.error.name}: ${run.outcome.error.message}\n${run.outcome.error.stack ?? ''}`);
  const item = run.outcome.result.find((i) => i.mime === 'text/plain');
  return item === undefined ? undefined : String(item.value);
}

/** Waits until `predicate` holds, checking on each event-loop turn (no fixed sleeps). */
export async function until(predicate: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
