/**
 * The command line before any kernel starts: commands, flags, and every kind of bad input, each a
 * one-line error and exit code 2. Runs in-process with a kernel factory that fails the test if a
 * kernel is ever started for bad input.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/dispatch';
import type { CliIo } from '../../src/cli/io';
import { planOutput, runMarker, RUN_MARKER_KEY } from '../../src/cli/outputPlace';
import type { RunOptions } from '../../src/cli/run';
import { serializeTfnb, emptyTfnb } from '../../src/notebook-format';

const fixtures = join(__dirname, '../fixtures/notebooks');

async function cli(argv: string[], cwd = fixtures): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd };
  const options: RunOptions = {
    kernelEntry: 'unused',
    createKernel: () => assert.fail('no kernel may start for bad input'),
  };
  const code = await runCli(argv, io, options);
  return { code, stdout, stderr };
}

function assertOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  assert.match(lines[0], pattern);
}

describe('fitlab command line', () => {
  it('prints help and version', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /fitlab run <notebook\.tfnb\|notebook\.ipynb> \[--out DIR\]/);
    assert.match(help.stdout, /default \.\/fitlab-out\/<notebook name>/);
    const version = await cli(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.match((await cli(['run', '--help'])).stdout, /^usage: fitlab run/);
  });

  it('hands diagnose and check to their commands', async () => {
    for (const command of ['diagnose', 'check']) {
      const result = await cli([command]);
      assert.equal(result.code, 2, `${command} without a file is bad input`);
      assert.match(result.stderr, new RegExp(`^fitlab ${command}: `));
    }
  });

  it('rejects an unknown command or option with a usage hint (exit 2)', async () => {
    const unknown = await cli(['train', 'x.tfnb']);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, 'fitlab: unknown command "train"\nusage: fitlab run|diagnose|check ... (fitlab --help for more)\n');
    const flag = await cli(['run', 'cli-basic.tfnb', '--bogus']);
    assert.equal(flag.code, 2);
    assert.equal(flag.stderr.split('\n')[0], 'fitlab run: unknown option --bogus');
    assert.match(flag.stderr.split('\n')[1], /^usage: fitlab run/);
    assert.equal((await cli([])).code, 2);
    assert.equal((await cli(['run', 'cli-basic.tfnb', '--out'])).stderr.split('\n')[0], 'fitlab run: option --out needs a value');
    assert.equal((await cli(['run', 'cli-basic.tfnb', '--backend', 'gpu'])).stderr.split('\n')[0], 'fitlab run: --backend must be one of auto, tensorflow, wasm, cpu (got "gpu")');
    assert.equal((await cli(['run'])).stderr.split('\n')[0], 'fitlab run: which notebook? give its path');
    assert.equal((await cli(['run', 'cli-basic.tfnb', '--fail-on', 'bad'])).stderr.split('\n')[0], 'fitlab run: --fail-on must be one of error, warning, info (got "bad")');
  });

  it('names the file and the problem for notebooks it cannot run (exit 2)', async () => {
    const cases: [string, RegExp][] = [
      ['missing.tfnb', /^fitlab: missing\.tfnb: no such file$/],
      ['broken-json.tfnb', /^fitlab: broken-json\.tfnb: not valid JSON \(.+ at line 4, column 64\)$/],
      ['bad-source.tfnb', /^fitlab: bad-source\.tfnb: cells\[1\]\.source must be an array of strings$/],
      ['no-code.tfnb', /^fitlab: no-code\.tfnb: no TypeScript code cells to run$/],
      ['notes.txt', /^fitlab: notes\.txt: not a notebook \(expected a \.tfnb or \.ipynb file\)$/],
    ];
    for (const [file, pattern] of cases) {
      const result = await cli(['run', file]);
      assert.equal(result.code, 2, file);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, `one line for ${file}: ${result.stderr}`);
      assertOneLineError(result.stderr, pattern);
    }
  });

  it('refuses an --out that would overwrite the input notebook, or a notebook it did not write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fitlab-cli-'));
    const input = join(dir, 'mine.tfnb');
    copyFileSync(join(fixtures, 'cli-basic.tfnb'), input);
    const before = readFileSync(input, 'utf8');
    const same = await cli(['run', 'mine.tfnb', '--out', '.'], dir);
    assert.equal(same.code, 2);
    assertOneLineError(same.stderr, /^fitlab: \.: --out would overwrite the input notebook; choose another folder$/);
    mkdirSync(join(dir, 'other'));
    const doc = emptyTfnb();
    doc.cells.push({ kind: 'code', language: 'typescript', source: '// my own work', outputs: [] });
    writeFileSync(join(dir, 'other', 'mine.tfnb'), serializeTfnb(doc));
    const foreign = await cli(['run', 'mine.tfnb', '--out', 'other'], dir);
    assert.equal(foreign.code, 2);
    assertOneLineError(foreign.stderr, /mine\.tfnb: a notebook that fitlab run did not write is already there; choose another --out folder$/);
    assert.equal(readFileSync(input, 'utf8'), before);
    assert.match(readFileSync(join(dir, 'other', 'mine.tfnb'), 'utf8'), /my own work/);
  });

  it('refuses an --out that is a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fitlab-cli-'));
    copyFileSync(join(fixtures, 'cli-basic.tfnb'), join(dir, 'mine.tfnb'));
    writeFileSync(join(dir, 'results'), 'not a folder');
    const result = await cli(['run', 'mine.tfnb', '--out', 'results'], dir);
    assert.equal(result.code, 2);
    assertOneLineError(result.stderr, /^fitlab: results: --out must be a folder, and this is a file$/);
  });

  it('may replace a notebook an earlier fitlab run wrote', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fitlab-cli-'));
    mkdirSync(join(dir, 'out'));
    const earlier = emptyTfnb();
    earlier.metadata[RUN_MARKER_KEY] = runMarker('../mine.tfnb');
    writeFileSync(join(dir, 'out', 'mine.tfnb'), serializeTfnb(earlier));
    assert.deepEqual(planOutput(join(dir, 'mine.tfnb'), 'out', dir), { dir: join(dir, 'out'), notebook: join(dir, 'out', 'mine.tfnb') });
    assert.equal(planOutput(join(dir, 'mine.tfnb'), undefined, dir).dir, join(dir, 'fitlab-out', 'mine'));
  });
});
