// Interrupt, restart and death of a real kernel process, as a user notices them: what the cell
// reports, whether state survived, and that the next run works.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { KernelState } from '../../src/kernel-client/kernelClient';
import { buildKernel, disposeKernels, kernelEntry, newKernel, resultText, root, runCell, startCell, until } from './harness';

after(disposeKernels);

test('interrupting a cell that awaits forever ends it as interrupted and keeps the kernel', async () => {
  const kernel = newKernel();
  await runCell(kernel, 'const kept = "still here";');
  const { done, log } = startCell(kernel, 'console.log("waiting");\nawait new Promise((r) => setTimeout(r, 60000));\nconsole.log("never");');
  await until(() => log.some((e) => e.type === 'stream'), 'the cell to start');
  kernel.interrupt();
  const run = await done;
  assert.equal(run.outcome.ok, false);
  if (run.outcome.ok) return;
  assert.equal(run.outcome.error.interrupted, true);
  assert.equal(run.outcome.error.message, 'Interrupted');
  assert.notEqual(run.outcome.kernelDied, true);
  assert.equal(resultText(await runCell(kernel, 'kept')), "'still here'");
});

test('interrupting a cell while the kernel is still starting cancels it without killing the kernel', async () => {
  const kernel = newKernel();
  const { done } = startCell(kernel, 'const ranAnyway = true;');
  assert.equal(kernel.state, 'starting');
  kernel.interrupt();
  const run = await done;
  assert.deepEqual(run.outcome, { ok: false, error: { name: 'Interrupted', message: 'Interrupted before the cell started.', interrupted: true } });
  assert.equal(resultText(await runCell(kernel, 'typeof ranAnyway')), "'undefined'");
  assert.equal(kernel.state, 'idle');
});

test('a SIGINT sent to an idle kernel (a Ctrl-C in the CLI’s terminal) leaves it alive with its state', async () => {
  const kernel = newKernel();
  await runCell(kernel, 'const survivesCtrlC = "still here";');
  const states: KernelState[] = [];
  kernel.onDidChangeState((state) => states.push(state));
  const pid = kernel.pid;
  assert.ok(pid !== undefined, 'the kernel has a process');
  process.kill(pid, 'SIGINT');
  const run = await runCell(kernel, 'survivesCtrlC');
  assert.equal(resultText(run), "'still here'");
  assert.equal(kernel.pid, pid, 'the same kernel process answered');
  assert.ok(!states.includes('dead'), `states after SIGINT: ${states.join(', ')}`);
});

test('interrupting `while (true) {}` stops the kernel, says so, and the next run starts fresh', async () => {
  const kernel = newKernel({ interruptGraceMs: 500 });
  await runCell(kernel, 'const before = 1;');
  const states: KernelState[] = [];
  kernel.onDidChangeState((state) => states.push(state));
  const { done, log } = startCell(kernel, 'console.log("spinning");\nwhile (true) {}');
  await until(() => log.some((e) => e.type === 'stream'), 'the loop to start');
  kernel.interrupt();
  const run = await done;
  assert.equal(run.outcome.ok, false);
  if (run.outcome.ok) return;
  assert.equal(run.outcome.kernelDied, true);
  assert.match(run.outcome.error.message, /did not yield to the interrupt .*endless loop.*state was lost.*fresh kernel/);
  assert.equal(kernel.state, 'dead');

  const next = await runCell(kernel, 'typeof before');
  assert.equal(resultText(next), "'undefined'", 'state from the killed kernel must be gone');
  assert.deepEqual(states.slice(states.indexOf('dead')), ['dead', 'starting', 'busy', 'idle']);
  assert.equal(kernel.state, 'idle');
});

test('interrupting a real fit stops it at the next batch and keeps the model and the history so far', async () => {
  const kernel = newKernel();
  const setup = [
    'const net = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: "relu" }), tf.layers.dense({ units: 1 })] });',
    'net.compile({ optimizer: "adam", loss: "meanSquaredError" });',
    'const xs = tf.randomNormal([256, 4]);',
    'const ys = xs.sum(1, true);',
    'let history: tf.History | undefined;',
  ].join('\n');
  assert.equal((await runCell(kernel, setup)).outcome.ok, true);
  const { done, log } = startCell(kernel, 'history = await net.fit(xs, ys, { epochs: 100000, batchSize: 8, verbose: 0 });\nconst afterFit = "cell continued";', 1);
  await until(() => log.some((e) => e.type === 'runProgress' && e.epoch >= 1), 'two epochs of training');
  kernel.interrupt();
  const run = await done;
  assert.equal(run.outcome.ok, false);
  if (run.outcome.ok) return;
  assert.equal(run.outcome.error.interrupted, true);
  assert.match(run.outcome.error.message, /^Interrupted: training stopped at epoch \d+ of 100000 \(\d+ completed\); the model and its history so far are kept\.$/);
  const ended = run.log.find((e) => e.type === 'runEnded');
  assert.equal(ended?.type === 'runEnded' ? ended.status : undefined, 'interrupted');

  const epochsKept = Number(resultText(await runCell(kernel, 'history!.history.loss.length')));
  assert.ok(epochsKept >= 2 && epochsKept < 100000, `history kept ${epochsKept} epochs`);
  assert.equal(resultText(await runCell(kernel, 'net.predict(tf.ones([1, 4])).shape')), '[ 1, 1 ]');
});

test('a fit that an interrupted cell starts later (after its wait) stops at once instead of training in the background', { timeout: 120_000 }, async () => {
  const kernel = newKernel();
  const setup = 'const m2 = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });\nm2.compile({ optimizer: "sgd", loss: "meanSquaredError" });\nlet laterEpochs: number | undefined;';
  assert.equal((await runCell(kernel, setup)).outcome.ok, true);
  const { done, log } = startCell(kernel, 'console.log("waiting");\nawait new Promise((r) => setTimeout(r, 2000));\nlaterEpochs = (await m2.fit(tf.ones([64, 2]), tf.ones([64, 1]), { epochs: 100000, batchSize: 4, verbose: 0 })).epoch.length;');
  await until(() => log.some((e) => e.type === 'stream'), 'the cell to start');
  kernel.interrupt();
  assert.equal((await done).outcome.ok, false);
  // Poll from cells until the wait is over and the later fit has returned.
  let epochs = '-1';
  for (let i = 0; i < 400 && epochs === '-1'; i++) {
    epochs = resultText(await runCell(kernel, 'await new Promise((r) => setTimeout(r, 50));\nlaterEpochs ?? -1')) ?? '-1';
  }
  assert.equal(epochs, '1', 'the later fit stopped within its first epoch');
});

test('restart clears all state and fails queued executions with a clear message', async () => {
  const kernel = newKernel();
  await runCell(kernel, 'const restartMe = 42;');
  const busy = startCell(kernel, 'await new Promise((r) => setTimeout(r, 60000));');
  const queued = startCell(kernel, 'restartMe');
  await until(() => kernel.state === 'busy', 'the first cell to run');
  await kernel.restart();
  for (const run of [await busy.done, await queued.done]) {
    assert.equal(run.outcome.ok, false);
    if (!run.outcome.ok) assert.match(run.outcome.error.message, /kernel was restarted/);
  }
  assert.equal(kernel.state, 'stopped');
  assert.equal(resultText(await runCell(kernel, 'typeof restartMe')), "'undefined'");
});

test('process.exit in a cell is reported as the kernel dying, and the next run gets a fresh kernel', async () => {
  const kernel = newKernel();
  const run = await runCell(kernel, 'console.log("bye");\nprocess.exit(3);');
  assert.equal(run.outcome.ok, false);
  if (run.outcome.ok) return;
  assert.equal(run.outcome.kernelDied, true);
  assert.match(run.outcome.error.message, /kernel died while running this cell \(exit code 3\)/);
  assert.equal(kernel.state, 'dead');
  assert.equal(resultText(await runCell(kernel, '1 + 1')), '2');
});

test('running out of memory is reported as such', async () => {
  const kernel = newKernel({ memoryLimitMb: 96 });
  const run = await runCell(kernel, 'const hoard: number[][] = [];\nwhile (true) hoard.push(new Array(1e5).fill(Math.random()));');
  assert.equal(run.outcome.ok, false);
  if (run.outcome.ok) return;
  assert.equal(run.outcome.kernelDied, true);
  assert.match(run.outcome.error.message, /kernel died while running this cell \(out of memory: the JavaScript heap exceeded its 96 MB limit\)/);
});

test('an error thrown later by a timer is shown but does not kill the kernel', async () => {
  const kernel = newKernel();
  const run = await runCell(kernel, 'setTimeout(() => { throw new Error("late failure"); }, 0);\nawait new Promise((r) => setTimeout(r, 30));\nconst alive = true;');
  assert.match(run.stderr, /^Uncaught Error: late failure\n\s+at Timeout._onTimeout \(cell-1\.ts:1:26\)\n$/);
  assert.equal(resultText(await runCell(kernel, 'alive')), 'true');
});

test('dispose ends the kernel process', async () => {
  const kernel = newKernel();
  await kernel.start();
  const pid = kernel.pid!;
  assert.equal(isAlive(pid), true);
  kernel.dispose();
  assert.equal(kernel.state, 'stopped');
  await until(() => !isAlive(pid), 'the kernel process to end');
  const after = await runCell(kernel, '1');
  assert.equal(after.outcome.ok, false, 'a disposed client starts no new kernel');
  assert.equal(kernel.pid, undefined);
});

test('a kernel never outlives its host: it exits when the host process dies without disposing it', async () => {
  buildKernel();
  const script = [
    `const { KernelClient } = require(${JSON.stringify(join(root, 'src/kernel-client/kernelClient.ts'))});`,
    `const client = new KernelClient({ kernelEntry: ${JSON.stringify(kernelEntry)}, backend: 'cpu', notebookDir: ${JSON.stringify(root)} });`,
    'client.start().then(() => { process.stdout.write(String(client.pid)); process.exit(0); });',
  ].join('\n');
  const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
  const pid = Number(output.trim());
  assert.ok(pid > 0, `host printed ${output}`);
  await until(() => !isAlive(pid), 'the orphaned kernel to exit');
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
