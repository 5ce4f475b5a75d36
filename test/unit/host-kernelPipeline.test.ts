// The host's event pipeline against a real kernel process (dist/kernel.js, real tfjs): a cell that
// trains a tiny model must leave a run in the store, a progress line that counts every epoch, a
// run output holding the full history and its findings, and coalesced console output.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { KernelClient } from '../../src/kernel-client/kernelClient';
import { KernelManager } from '../../src/host/kernel/kernelManager';
import { applyExecutionEvent } from '../../src/host/notebook/executionEvents';
import { ExecutionOutputs, type OutputOp } from '../../src/host/notebook/executionOutputs';
import { readSettings } from '../../src/host/settings';
import { RUN_MIME } from '../../src/protocol/display';
import type { RunOutput } from '../../src/protocol/webview';
import { RunStore } from '../../src/runs/runStore';
import { STDOUT_MIME } from '../../src/notebook-format/types';

const root = join(__dirname, '..', '..');
const kernelEntry = join(root, 'dist', 'kernel.js');
if (!existsSync(kernelEntry)) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe' });

const kernels = new KernelManager((options) => new KernelClient(options), () => readSettings(() => undefined), kernelEntry);
after(() => kernels.dispose());

/** Replays output ops into what the cell shows: one list of items per output. */
function render(ops: OutputOp[]): { mime: string; value: unknown }[][] {
  const outputs = new Map<number, { mime: string; value: unknown }[]>();
  for (const op of ops) {
    if (op.op === 'append') outputs.set(op.key, [...op.items]);
    else if (op.op === 'appendItems') outputs.get(op.key)?.push(...op.items);
    else outputs.set(op.key, [...op.items]);
  }
  return [...outputs.values()];
}

test('a fit in a real kernel becomes a stored run, a live progress line and a run output', { timeout: 120_000 }, async () => {
  const notebook = 'file:///tmp/pipeline.tfnb';
  const store = new RunStore(() => [{ id: 'overfitting', severity: 'warning', epoch: 1, message: 'test finding', actions: [] }]);
  const { kernel, info, banner } = await kernels.ensureStarted(notebook, root);
  assert.equal(banner, true);
  assert.ok(['wasm', 'cpu', 'tensorflow'].includes(info.backend));

  const outputs = new ExecutionOutputs();
  const ops: OutputOp[] = [];
  const progressLines: string[] = [];
  const code = [
    "console.log('training');",
    "console.log('now');",
    'const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });',
    "m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });",
    'await m.fit(tf.ones([16, 2]), tf.ones([16, 1]), { epochs: 4, batchSize: 8, validationSplit: 0.25, verbose: 0 });',
  ].join('\n');
  const outcome = await kernel.execute({ code, cellIndex: 2, notebook }, (event) => {
    const applied = applyExecutionEvent(event, notebook, outputs, { store, kernels });
    for (const op of applied) if (op.op !== 'appendItems' && op.items[0]?.mime === 'text/plain') progressLines.push(String(op.items[0].value));
    ops.push(...applied);
  });
  assert.equal(outcome.ok, true, outcome.ok ? '' : `${outcome.error.name}: ${outcome.error.message}`);

  const runs = store.runs(notebook);
  assert.equal(runs.length, 1, 'the fit is recorded in the store');
  const run = runs[0];
  assert.equal(run.status, 'completed');
  assert.equal(run.epochs.length, 4);
  assert.equal(run.cell?.index, 2);

  const shown = render(ops);
  assert.deepEqual(shown[0], [{ mime: STDOUT_MIME, value: 'training\n' }, { mime: STDOUT_MIME, value: 'now\n' }], 'console writes coalesce into one output');
  const chart = shown.find((items) => items[0].mime === RUN_MIME);
  assert.ok(chart, 'a run output is shown');
  const value = chart[0].value as RunOutput;
  assert.equal(value.run.epochs.length, 4, 'the run output ends with the full history');
  assert.equal(value.run.history.val_loss?.length, 4);
  assert.deepEqual(value.findings.map((f) => f.id), ['overfitting'], 'the finished run output carries its findings');

  assert.match(progressLines[0], /^epoch 0\/4/);
  assert.ok(progressLines.some((line) => /^epoch \d\/4 · loss \d/.test(line)), `a live epoch line: ${progressLines.join(' | ')}`);
  assert.match(progressLines[progressLines.length - 1], /completed · 4\/4 epochs · loss \S+ · val_loss \S+/);
  assert.equal(kernels.status(notebook).training, undefined, 'the status bar stops counting epochs when the fit ends');
});
