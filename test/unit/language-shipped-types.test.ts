// The extension ships no node_modules: the checker must work from what scripts/build-types.mjs
// writes (dist/types). Builds that folder into a temp dir and checks a notebook against it alone.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { NotebookLanguageService, locateTypeEnvironment } from '../../src/language';
import { isRunnableCell, parseNotebook } from '../../src/notebook-format';

const repo = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'fitlab-types-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a notebook checks against the shipped declarations only: no false errors, real ones found, fitlab API known', () => {
  execFileSync(process.execPath, [join(repo, 'scripts', 'build-types.mjs'), `--out=${join(dir, 'types')}`], { stdio: 'pipe' });
  const env = locateTypeEnvironment(dir);
  assert.equal(env.root, join(dir, 'types'), 'the shipped layout is found next to the code');
  assert.ok(!env.fitlabEntry.startsWith(repo), 'fitlab types come from the emitted declarations');

  const fixture = join(repo, 'test', 'fixtures', 'language', 'clean.tfnb');
  const cells = parseNotebook(readFileSync(fixture, 'utf8'), fixture).cells.filter(isRunnableCell).map((c) => c.source);
  const service = new NotebookLanguageService(env);
  service.setCells([...cells, 'const wrong: string = model.layers.length;', 'fitlab.schedules.']);
  const errors = service.diagnostics().filter((d) => d.cell < cells.length + 1);
  assert.deepEqual(errors.map((d) => [d.cell, d.code]), [[cells.length, 2322]]);
  const names = service.completions(cells.length + 1, { line: 0, character: 17 }).map((c) => c.name);
  assert.ok(names.includes('exponentialDecay'), `fitlab.schedules completions: ${names.join(', ')}`);
  const hover = service.hover(cells.length + 1, { line: 0, character: 3 });
  assert.match(hover?.documentation ?? '', /training helpers/);
  service.dispose();
});
