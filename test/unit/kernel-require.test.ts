// How cell imports are named: Deno-style `npm:` specifiers resolve to the same packages.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createCellRequire, withoutNpmPrefix } from '../../src/kernel/require';

test('npm: specifiers lose the prefix and the version, keep scope and subpath', () => {
  assert.equal(withoutNpmPrefix('npm:@tensorflow/tfjs@4.22.0'), '@tensorflow/tfjs');
  assert.equal(withoutNpmPrefix('npm:@tensorflow/tfjs'), '@tensorflow/tfjs');
  assert.equal(withoutNpmPrefix('npm:lodash@4.17.21/fp'), 'lodash/fp');
  assert.equal(withoutNpmPrefix('npm:acorn'), 'acorn');
  assert.equal(withoutNpmPrefix('node:fs'), 'node:fs');
  assert.equal(withoutNpmPrefix('./local@1.js'), './local@1.js');
});

test('tfjs under any name and fitlab are the kernel’s own modules; builtins and packages load', () => {
  const tf = { kernel: 'tf' };
  const fitlab = { kernel: 'fitlab' };
  const cellRequire = createCellRequire(__dirname, { tf, fitlab });
  for (const name of ['@tensorflow/tfjs', 'npm:@tensorflow/tfjs@4.22.0', '@tensorflow/tfjs-node', '@tensorflow/tfjs-core']) assert.equal(cellRequire(name), tf, name);
  assert.equal(cellRequire('fitlab'), fitlab);
  assert.equal(typeof (cellRequire('node:path') as { join: unknown }).join, 'function');
  assert.equal(typeof (cellRequire('npm:acorn@8') as { parse: unknown }).parse, 'function');
  assert.throws(() => cellRequire('surely-not-installed'), /^Error: Cannot find module 'surely-not-installed': install it in the notebook's folder \(cd ".*" && npm install surely-not-installed\)\.$/);
});
