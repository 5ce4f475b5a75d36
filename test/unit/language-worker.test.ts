// The language service behind a worker thread, as the extension uses it: same answers as in
// process, updates applied in order before the queries that follow them, errors carried back.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createLanguageClient } from '../../src/language/languageClient';

const client = createLanguageClient(join(__dirname, '..', '..', 'src', 'language'));
after(() => client.dispose());

test('a worker answers diagnostics, completions and hovers for a notebook, with updates applied in order', async () => {
  const set = client.call('nb-1', 'setCells', ['const units = 16;', "const label: string = units;"]);
  const errors = await client.call('nb-1', 'diagnostics');
  assert.deepEqual(errors.map((d) => [d.cell, d.start.line, d.code]), [[1, 0, 2322]]);

  const update = client.call('nb-1', 'updateCell', 1, 'const label: string = `${units}`;\nuni');
  const after = await client.call('nb-1', 'diagnostics');
  assert.deepEqual(after.map((d) => [d.cell, d.start, d.end]), [[1, { line: 1, character: 0 }, { line: 1, character: 3 }]]);
  assert.match(after[0].message, /Cannot find name 'uni'/);
  const names = (await client.call('nb-1', 'completions', 1, { line: 1, character: 3 })).map((c) => c.name);
  assert.ok(names.includes('units'));
  const hover = await client.call('nb-1', 'hover', 0, { line: 0, character: 7 });
  assert.equal(hover?.signature, 'const units: 16');
  assert.equal(await client.call('nb-1', 'hover', 0, { line: 0, character: 16 }), undefined, 'no answer arrives as undefined');
  await Promise.all([set, update]);
});

test('cells inserted and removed through the worker keep their errors on their new cell numbers', async () => {
  void client.call('nb-3', 'setCells', ['const units = 16;', 'const label: string = units;']);
  assert.deepEqual((await client.call('nb-3', 'diagnostics')).map((d) => [d.cell, d.code]), [[1, 2322]]);
  void client.call('nb-3', 'insertCell', 1, 'const width = units * 2;');
  assert.deepEqual((await client.call('nb-3', 'diagnostics')).map((d) => [d.cell, d.code]), [[2, 2322]]);
  void client.call('nb-3', 'removeCell', 0);
  assert.deepEqual((await client.call('nb-3', 'diagnostics')).map((d) => [d.cell, d.code]), [[0, 2304], [1, 2304]]);
  await assert.rejects(client.call('nb-3', 'insertCell', 5, 'x'), /cannot insert a code cell at 5 \(the notebook has 2\)/);
  client.close('nb-3');
});

test('notebooks are independent, and a bad request is rejected with its message', async () => {
  await client.call('nb-2', 'setCells', ['const units = "many";']);
  assert.deepEqual(await client.call('nb-2', 'diagnostics'), []);
  await assert.rejects(client.call('nb-2', 'updateCell', 5, 'x'), /no code cell 5 \(the notebook has 1\)/);
  client.close('nb-2');
  assert.deepEqual(await client.call('nb-2', 'diagnostics'), [], 'a closed notebook starts empty');
});
