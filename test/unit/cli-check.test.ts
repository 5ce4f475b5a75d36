// `fitlab check <notebook>` as CI would run it: output lines and exit codes.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkCommand } from '../../src/cli/check';
import type { CliIo } from '../../src/cli/io';

const fixtures = join(__dirname, '..', 'fixtures', 'language');

async function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: fixtures };
  const code = await checkCommand(args, io);
  return { code, stdout, stderr };
}

test('a clean notebook exits 0 and prints no error lines', async () => {
  const { code, stdout, stderr } = await check('clean.tfnb');
  assert.equal(stdout, '');
  assert.match(stderr, /clean\.tfnb: no type errors in 6 TypeScript cells/);
  assert.equal(code, 0);
});

test('each type error prints as "cell N, line L: message" (1-based, markdown cells counted) and exits 1', async () => {
  const { code, stdout, stderr } = await check('type-errors.tfnb');
  assert.deepEqual(stdout.trimEnd().split('\n'), [
    "cell 3, line 1: Type 'string' is not assignable to type 'number'.",
    "cell 3, line 2: Type 'number' is not assignable to type 'string'.",
    "cell 4, line 1: Property 'fitt' does not exist on type 'Sequential'. Did you mean 'fit'?",
  ]);
  assert.match(stderr, /3 type errors in 2 cells/);
  assert.equal(code, 1);
});

test('TypeScript cells of a Jupyter notebook are checked the same way', async () => {
  const { code, stdout } = await check('jupyter.ipynb');
  assert.equal(stdout, "cell 3, line 1: Type 'number' is not assignable to type 'string'.\n");
  assert.equal(code, 1);
});

test('unreadable input exits 2 with a one-line reason naming the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fitlab-check-'));
  writeFileSync(join(dir, 'broken.tfnb'), '{"fitlab": 1, "cells": [');
  const broken = await check(join(dir, 'broken.tfnb'));
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /broken\.tfnb/);
  assert.equal(broken.stderr.trimEnd().split('\n').length, 1);

  const missing = await check('no-such.tfnb');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read no-such\.tfnb: ENOENT/);

  assert.equal((await check()).code, 2);
  assert.equal((await check('a.tfnb', 'b.tfnb')).code, 2);
  assert.equal((await check('--strict', 'clean.tfnb')).code, 2);
});

test('the shipped example notebooks and the new-notebook template type-check clean', async () => {
  const repo = join(__dirname, '..', '..');
  const notebooks = ['examples', join('media', 'templates')].flatMap((dir) =>
    readdirSync(join(repo, dir)).filter((f) => f.endsWith('.tfnb') || f.endsWith('.ipynb')).map((f) => join(repo, dir, f)),
  );
  assert.ok(notebooks.length > 0, 'examples/ holds notebooks');
  for (const notebook of notebooks) {
    const { code, stdout } = await check(notebook);
    assert.equal(stdout, '', `${notebook} has no false errors`);
    assert.equal(code, 0);
  }
});
