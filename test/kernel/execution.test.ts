// A real kernel process (dist/kernel.js) driven through KernelClient: backend choice, state across
// cells, streamed output, displayed values, errors mapped to the cell, imports.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KernelClient } from '../../src/kernel-client/kernelClient';
import { disposeKernels, newKernel, resultText, runCell } from './harness';

describe('a kernel running cells', () => {
  let kernel: KernelClient;
  before(() => {
    kernel = newKernel();
  });
  after(disposeKernels);

  test('starts on the wasm backend and says why tfjs-node was not used', async () => {
    const ready = await kernel.start();
    assert.equal(ready.backend, 'wasm');
    assert.match(ready.tfVersion, /^\d+\.\d+\.\d+/);
    assert.ok(ready.notes.some((note) => /tfjs-node not installed: using wasm/.test(note)), ready.notes.join('; '));
    assert.equal(kernel.state, 'idle');
    assert.deepEqual(kernel.info, ready);
  });

  test('keeps state across cells and lets a cell re-declare `const model`', async () => {
    await runCell(kernel, 'const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });', 0);
    const rerun = await runCell(kernel, 'const model = tf.sequential({ layers: [tf.layers.dense({ units: 5, inputShape: [4] })] });\nfunction units(): number { return (model.layers[0] as any).units; }', 0);
    assert.equal(rerun.outcome.ok, true, JSON.stringify(rerun.outcome));
    assert.equal(resultText(await runCell(kernel, 'units() + model.countParams()', 1)), String(5 + 4 * 5 + 5));
  });

  test('streams console output while the cell runs, before it is done', async () => {
    const run = await runCell(kernel, 'console.log("first", { n: 1 });\nawait new Promise((r) => setTimeout(r, 50));\nconsole.warn("second");\nprocess.stdout.write("raw write\\n");');
    const order = run.log.map((e) => (e.type === 'stream' ? `${e.name}:${e.text}` : e.type));
    assert.deepEqual(order, ['stdout:first { n: 1 }\n', 'stderr:second\n', 'stdout:raw write\n', 'outcome']);
  });

  test('shows the last expression: a tensor with dtype, shape and values', async () => {
    const text = resultText(await runCell(kernel, 'tf.tensor2d([[1, 2, 3], [4, 5, 6]])'));
    assert.equal(text, 'Tensor float32 [2,3]\n[[1, 2, 3],\n [4, 5, 6]]');
  });

  test('shows a model as its Keras-style summary table', async () => {
    const text = resultText(await runCell(kernel, 'const summaryModel = tf.sequential({ name: "tiny", layers: [tf.layers.dense({ units: 4, inputShape: [3] }), tf.layers.dense({ units: 1 })] });\nsummaryModel')) ?? '';
    assert.match(text, /Model: "tiny"/);
    assert.match(text, /Layer \(type\)/);
    assert.match(text, /Total params: 21/);
  });

  test('a cell ending in a statement shows nothing; display() emits outputs as it goes', async () => {
    const run = await runCell(kernel, 'display(tf.scalar(7));\ndisplay({ mime: "text/html", value: "<b>hi</b>" });\nconst quiet = 1;');
    assert.deepEqual(run.outcome, { ok: true, result: [] });
    const displayed = run.log.flatMap((e) => (e.type === 'display' ? [e.item] : []));
    assert.deepEqual(displayed, [
      { mime: 'text/plain', value: 'Tensor float32 []\n7' },
      { mime: 'text/html', value: '<b>hi</b>' },
    ]);
  });

  test('console.log of a tensor prints it readably, not tfjs internals', async () => {
    const run = await runCell(kernel, 'console.log(tf.tensor1d([1, 2]))');
    assert.equal(run.stdout, 'Tensor float32 [2]\n[1, 2]\n');
  });

  test('a runtime error reports the cell’s own line and column, without kernel frames', async () => {
    const run = await runCell(kernel, 'const width: number = 3;\n\nconst t = tf.zeros([2, width]);\nt.reshape([5]);', 6);
    assert.equal(run.outcome.ok, false);
    if (run.outcome.ok) return;
    const { error } = run.outcome;
    assert.match(error.message, /reshape|size/i);
    assert.deepEqual(error.position, { cellIndex: 6, line: 4, column: 3 });
    assert.match(error.stack ?? '', /cell-7\.ts:4:3/);
    assert.doesNotMatch(error.stack ?? '', /kernel\.js|node:internal/);
  });

  test('a syntax error reports its position in the TypeScript the user wrote', async () => {
    const run = await runCell(kernel, 'const a: number = 1;\nconst b = a +;', 2);
    assert.equal(run.outcome.ok, false);
    if (run.outcome.ok) return;
    assert.equal(run.outcome.error.name, 'SyntaxError');
    assert.deepEqual(run.outcome.error.position, { cellIndex: 2, line: 2, column: 14 });
  });

  test('`import * as tf` gives the same tfjs instance the kernel trains with', async () => {
    const text = resultText(await runCell(kernel, "import * as tfi from '@tensorflow/tfjs';\nimport * as tfn from '@tensorflow/tfjs-node';\n[tfi === tf, tfn === tf, tfi.getBackend()]"));
    assert.equal(text, "[ true, true, 'wasm' ]");
  });

  test('timers fire while a long fit trains: a 50 ms setTimeout prints before the run ends', async () => {
    // The fit stops itself after 1.5 s of training, however fast or loaded the machine is.
    const code = [
      'const tickModel = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });',
      'tickModel.compile({ optimizer: "sgd", loss: "meanSquaredError" });',
      'setTimeout(() => console.log("tick"), 50);',
      'const tickStarted = Date.now();',
      'const stopAfter = { onBatchEnd: () => { if (Date.now() - tickStarted > 1500) tickModel.stopTraining = true; } };',
      'await tickModel.fit(tf.ones([64, 2]), tf.ones([64, 1]), { epochs: 1000000, batchSize: 4, verbose: 0, callbacks: [stopAfter] });',
    ].join('\n');
    const run = await runCell(kernel, code, 4);
    assert.equal(run.outcome.ok, true, JSON.stringify(run.outcome));
    const order = run.log.flatMap((e) => (e.type === 'stream' ? [e.text.trim()] : e.type === 'runEnded' ? ['runEnded'] : []));
    assert.deepEqual(order, ['tick', 'runEnded']);
  });

  test('top-level await of a real fit returns its history', async () => {
    const code = [
      'const fitModel = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });',
      'fitModel.compile({ optimizer: "sgd", loss: "meanSquaredError" });',
      'await fitModel.fit(tf.ones([8, 2]), tf.ones([8, 1]), { epochs: 3, verbose: 0 })',
    ].join('\n');
    const run = await runCell(kernel, code, 3);
    assert.match(resultText(run) ?? '', /^History: 3 epochs\n {2}loss: \[/);
    assert.ok(run.log.some((e) => e.type === 'runStarted'));
    assert.ok(run.log.some((e) => e.type === 'runEnded' && e.status === 'completed'));
  });
});

describe('imports from the notebook folder', () => {
  after(disposeKernels);

  test('resolve from the notebook’s node_modules first, then the kernel’s own, else a clear error', async () => {
    const notebookDir = mkdtempSync(join(tmpdir(), 'fitlab-notebook-'));
    mkdirSync(join(notebookDir, 'node_modules', 'greeter'), { recursive: true });
    writeFileSync(join(notebookDir, 'node_modules', 'greeter', 'index.js'), 'exports.greet = (name) => "hello " + name;\n');
    writeFileSync(join(notebookDir, 'helper.js'), 'module.exports = 41;\n');
    const kernel = newKernel({ notebookDir });
    const text = resultText(await runCell(kernel, "import { greet } from 'greeter';\nimport answer from './helper.js';\nimport * as acorn from 'acorn';\n[greet('cell'), answer + 1, typeof acorn.parse]"));
    assert.equal(text, "[ 'hello cell', 42, 'function' ]");
    assert.equal(resultText(await runCell(kernel, "import { readFileSync } from 'node:fs';\n[__dirname === " + JSON.stringify(notebookDir) + ", readFileSync('helper.js', 'utf8').trim()]")), "[ true, 'module.exports = 41;' ]");
    const dynamic = await runCell(kernel, "const viaImport = await import('greeter');\nconst viaRequire = require('greeter');\n[viaImport.greet('a'), viaImport.default.greet('b'), viaRequire.greet('c')]");
    assert.equal(resultText(dynamic), "[ 'hello a', 'hello b', 'hello c' ]");
    const missing = await runCell(kernel, "import 'no-such-package';");
    assert.equal(missing.outcome.ok, false);
    if (!missing.outcome.ok) assert.match(missing.outcome.error.message, /Cannot find module 'no-such-package'.*npm install no-such-package/);
  });
});
