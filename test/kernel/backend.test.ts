// Which tfjs backend a kernel picks, and what it says when it cannot use the one asked for.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KernelClient } from '../../src/kernel-client/kernelClient';
import { disposeKernels, newKernel, resultText, root, runCell } from './harness';

after(disposeKernels);

test('a forced tensorflow backend that is not installed falls back to wasm with a note', async () => {
  const kernel = newKernel({ backend: 'tensorflow', notebookDir: mkdtempSync(join(tmpdir(), 'fitlab-nb-')) });
  const ready = await kernel.start();
  assert.equal(ready.backend, 'wasm');
  assert.deepEqual(ready.notes, ['tfjs-node not installed: falling back to wasm']);
});

test('an untitled notebook (no folder) still gets a working kernel', async () => {
  const kernel = newKernel({ notebookDir: '' });
  assert.equal((await kernel.start()).backend, 'wasm');
  assert.equal(resultText(await runCell(kernel, '1 + 1')), '2');
});

test('the cpu preference uses cpu, and cells train on it', async () => {
  const kernel = newKernel({ backend: 'cpu' });
  const ready = await kernel.start();
  assert.equal(ready.backend, 'cpu');
  assert.deepEqual(ready.notes, []);
  assert.equal(resultText(await runCell(kernel, 'tf.getBackend()')), "'cpu'");
});

test('tfjs-node in the notebook folder is preferred, and every tfjs import resolves to it', async () => {
  // A stand-in for tfjs-node: the real tfjs (a copy on disk, not the kernel's bundled one) with a
  // "tensorflow" backend name, marked so the cell can tell which instance it got.
  const notebookDir = mkdtempSync(join(tmpdir(), 'fitlab-nb-'));
  const fake = join(notebookDir, 'node_modules', '@tensorflow', 'tfjs-node');
  mkdirSync(fake, { recursive: true });
  writeFileSync(
    join(fake, 'index.js'),
    [
      `const real = require(${JSON.stringify(join(root, 'node_modules', '@tensorflow', 'tfjs'))});`,
      'let backend = "cpu";',
      'module.exports = { ...real, standIn: "tfjs-node", setBackend: async (name) => { backend = name; return true; }, getBackend: () => backend, ready: async () => {} };',
    ].join('\n'),
  );
  const kernel = newKernel({ notebookDir });
  const ready = await kernel.start();
  assert.equal(ready.backend, 'tensorflow');
  assert.deepEqual(ready.notes, []);
  const text = resultText(await runCell(kernel, "import * as a from '@tensorflow/tfjs';\nimport * as b from '@tensorflow/tfjs-node';\n[tf.standIn, a === tf, b === tf]"));
  assert.equal(text, "[ 'tfjs-node', true, true ]");
});

test('a tfjs-node that fails to load is reported and wasm is used', async () => {
  const notebookDir = mkdtempSync(join(tmpdir(), 'fitlab-nb-'));
  const broken = join(notebookDir, 'node_modules', '@tensorflow', 'tfjs-node');
  mkdirSync(broken, { recursive: true });
  writeFileSync(join(broken, 'index.js'), 'throw new Error("libtensorflow.so: cannot open shared object file");\n');
  const ready = await newKernel({ notebookDir }).start();
  assert.equal(ready.backend, 'wasm');
  assert.deepEqual(ready.notes, ['tfjs-node failed to load (libtensorflow.so: cannot open shared object file): using wasm (see docs/kernel.md to enable it)']);
});

test('a kernel that cannot start says why, in start() and in the cell that waited for it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fitlab-broken-kernel-'));
  const entry = join(dir, 'kernel.js');
  writeFileSync(entry, 'process.stderr.write("Error: Cannot find module \'@tensorflow/tfjs\'\\n"); process.exit(1);\n');
  const kernel = new KernelClient({ kernelEntry: entry, backend: 'auto', notebookDir: dir });
  try {
    await assert.rejects(kernel.start(), /The kernel exited before it was ready \(exit code 1\)\.\nError: Cannot find module '@tensorflow\/tfjs'/);
    const run = await runCell(kernel, '1');
    assert.equal(run.outcome.ok, false);
    if (!run.outcome.ok) {
      assert.equal(run.outcome.kernelDied, true);
      assert.equal(run.outcome.error.message, 'The kernel could not start (exit code 1).');
      assert.match(run.outcome.error.stack ?? '', /Cannot find module '@tensorflow\/tfjs'/);
    }
    assert.equal(kernel.state, 'dead');
  } finally {
    kernel.dispose();
  }
});
