import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { diagnoseCommand } from '../../src/cli/diagnose';
import { EXIT_BAD_INPUT, EXIT_OK } from '../../src/cli/io';
import { historyToRun } from '../../src/diagnostics/historyFile';
import { runToJson } from '../../src/runs/export';

const FIXTURES = join(__dirname, '..', 'fixtures', 'histories');

async function run(args: string[], cwd = FIXTURES): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await diagnoseCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

interface JsonFinding { id: string; severity: string; epoch: number | null; message: string; actions: string[] }

async function jsonFindings(file: string, cwd?: string): Promise<JsonFinding[]> {
  const result = await run(['--json', file], cwd);
  assert.equal(result.code, EXIT_OK, result.stderr);
  return (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
}

test('--json on a Keras History JSON: overfitting with a 0-based epoch, message and actions', async () => {
  const [first] = await jsonFindings('overfit.json');
  assert.equal(first!.id, 'overfitting');
  assert.equal(first!.severity, 'warning');
  assert.equal(first!.epoch, 9);
  assert.match(first!.message, /val_loss rose/);
  assert.ok(first!.actions.length >= 5);
});

test('comma, semicolon and tab CSVLogger files (lr / learning_rate columns) give the same findings as the JSON', async () => {
  const json = await jsonFindings('overfit.json');
  for (const file of ['overfit.csv', 'overfit-semicolon.csv', 'overfit-tab.log']) assert.deepEqual(await jsonFindings(file), json, file);
});

test('a run exported by Fitlab (runToJson) is read as a run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fitlab-diagnose-'));
  const exported = historyToRun({ loss: [1, 0.8, 0.7], val_loss: [1.1, 0.9, 0.8] }, 'r1');
  exported.stopReason = 'loss became NaN at epoch 3, batch 12';
  writeFileSync(join(dir, 'run.json'), runToJson(exported));
  const findings = await jsonFindings('run.json', dir);
  assert.equal(findings[0]!.id, 'diverged');
  assert.match(findings[0]!.message, /batch 12/);
});

test('the labelled logs\' {history, label} wrapper with bare NaN tokens is accepted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fitlab-diagnose-'));
  writeFileSync(join(dir, 'wrapped.json'), '{"history": {"loss": [1, 0.5, 0.4], "val_loss": [1, 0.6, 0.5], "dice": [NaN, NaN, NaN]}, "label": {"kind": "healthy"}}');
  assert.ok(Array.isArray(await jsonFindings('wrapped.json', dir)));
});

test('the human output lists each finding with its numbered actions', async () => {
  const result = await run(['overfit.csv']);
  assert.equal(result.code, EXIT_OK);
  assert.match(result.stdout, /^overfit\.csv: 30 epochs, 1 finding/);
  assert.match(result.stdout, /warning {2}overfitting \(epoch 9\)/);
  assert.match(result.stdout, /\n {2}1\. Get more training data/);
});

test('a clean history says there are no findings, exit 0', async () => {
  const result = await run(['plateau.json']);
  assert.equal(result.code, EXIT_OK);
  assert.match(result.stdout, /no findings/);
});

const BAD: [string, RegExp][] = [
  ['missing.json', /missing\.json: no such file/],
  ['garbage.txt', /garbage\.txt: not a history/],
  ['no-loss-column.csv', /no-loss-column\.csv: no "loss" column in the header \(epoch, accuracy, val_accuracy\)/],
  ['bad-cell.csv', /bad-cell\.csv: line 3, column "loss" is not a number \("oops"\)/],
];
for (const [file, message] of BAD) {
  test(`exit 2 with a one-line error for ${file}`, async () => {
    const result = await run([file]);
    assert.equal(result.code, EXIT_BAD_INPUT);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1);
  });
}

test('exit 2 with usage when no file or an unknown option is given', async () => {
  assert.equal((await run([])).code, EXIT_BAD_INPUT);
  const unknown = await run(['--yaml', 'overfit.json']);
  assert.equal(unknown.code, EXIT_BAD_INPUT);
  assert.match(unknown.stderr, /unknown option --yaml/);
});

test('invalid JSON names the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fitlab-diagnose-'));
  writeFileSync(join(dir, 'broken.json'), '{"loss": [1, 2,');
  const result = await run(['broken.json'], dir);
  assert.equal(result.code, EXIT_BAD_INPUT);
  assert.match(result.stderr, /broken\.json: not valid JSON/);
});

test('an exported run missing a field the rules read is named, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fitlab-diagnose-'));
  const broken = JSON.parse(runToJson(historyToRun({ loss: [1, 0.8, 0.7] }, 'r1'))) as Record<string, unknown>;
  delete (broken.model as Record<string, unknown>).layers;
  writeFileSync(join(dir, 'run.json'), JSON.stringify(broken));
  const result = await run(['run.json'], dir);
  assert.equal(result.code, EXIT_BAD_INPUT);
  assert.match(result.stderr, /run\.json: the exported run has no valid model\.layers/);
});

test('semicolon CSV with decimal commas reads the numbers as decimals', async () => {
  const result = await run(['decimal-comma.csv']);
  assert.equal(result.code, EXIT_OK, result.stderr);
  assert.match(result.stdout, /^decimal-comma\.csv: 3 epochs/);
});

test('a CSVLogger file appended to by several runs: the last run is read, and the output says so', async () => {
  const result = await run(['appended.log']);
  assert.equal(result.code, EXIT_OK, result.stderr);
  assert.match(result.stdout, /^appended\.log \(the file holds 2 appended runs; this is the last \(from line 5\)\): 3 epochs/);
});
