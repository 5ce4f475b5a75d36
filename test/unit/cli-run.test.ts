/**
 * `fitlab run` end to end: the built CLI (node bin/fitlab.js) as a child process, the real kernel,
 * real tfjs training on tiny models. Asserts what a user sees: exit codes, the failing cell and line,
 * the order of streamed output, and the executed notebook written to disk.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ERROR_MIME, RUN_MIME } from '../../src/protocol/display';
import type { RunOutput } from '../../src/protocol/webview';
import { buildKernel } from '../kernel/harness';
import { sampleRun } from './host-sampleRun';
import { parseNotebook, serializeNotebook, STDERR_MIME, STDOUT_MIME, type NotebookDocument } from '../../src/notebook-format';

const root = join(__dirname, '../..');
const fixtures = join(root, 'test/fixtures/notebooks');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs bin/fitlab.js; `onStdout` may act on the output as it streams (e.g. press Ctrl-C). */
function fitlab(args: string[], cwd: string, onStdout?: (soFar: string, child: ReturnType<typeof spawn>) => void): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin/fitlab.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      onStdout?.(stdout, child);
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function workdir(...notebooks: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'fitlab-run-'));
  for (const name of notebooks) copyFileSync(join(fixtures, name), join(dir, name));
  return dir;
}

function readOutput(path: string): NotebookDocument {
  return parseNotebook(readFileSync(path, 'utf8'), path);
}

function assertInOrder(text: string, parts: string[]): void {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    assert.ok(at >= 0, `expected "${part}" after position ${from} in:\n${text}`);
    from = at + part.length;
  }
}

describe('fitlab run (real CLI, real kernel)', () => {
  // The bundles (dist/cli.js, dist/kernel.js) are rebuilt when a source file is newer, as the kernel tests do.
  before(() => buildKernel());

  it('runs cells in order, keeps state, streams output and epochs, and stops at the failing cell naming its line', async () => {
    const dir = workdir('cli-basic.tfnb');
    const input = readFileSync(join(dir, 'cli-basic.tfnb'), 'utf8');
    const result = await fitlab(['run', 'cli-basic.tfnb', '--out', 'executed'], dir);

    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout.split('\n')[0], /^fitlab: backend (wasm|cpu|tensorflow) \(tfjs \d/);
    assertInOrder(result.stdout, ['first 2\n', 'after await\n', '42\n', 'second 3\n', 'epoch 1/3 · loss ', 'epoch 2/3', 'epoch 3/3', 'trained\n', 'before the failure\n', 'What the runs showed:', '3 epochs · best val_loss']);
    assert.equal(result.stdout.match(/ · epoch \d\/3 /g)?.length, 3, 'one progress line per epoch into a pipe');
    assert.doesNotMatch(result.stdout, /never runs/);
    assert.match(result.stderr, /to stderr\n/);
    assert.match(result.stderr, /^fitlab: cell 5 \(cells are numbered from 1, as in the editor\), line 3:1 failed: ReferenceError: missingFunction is not defined$/m);
    assert.match(result.stderr, /^ {2}3 \| missingFunction\(value\);\n {2} {2}\| \^$/m);
    assert.match(result.stdout, /Wrote the executed notebook to executed\/cli-basic\.tfnb/);

    assert.equal(readFileSync(join(dir, 'cli-basic.tfnb'), 'utf8'), input, 'the input notebook is never changed');
    const doc = readOutput(join(dir, 'executed/cli-basic.tfnb'));
    assert.deepEqual(doc.cells[1].outputs, [{ items: [{ mime: STDOUT_MIME, value: 'first 2\nafter await\n' }] }, { items: [{ mime: 'text/plain', value: '42' }], result: true }]);
    assert.deepEqual(doc.cells[2].outputs[0], { items: [{ mime: STDERR_MIME, value: 'to stderr\n' }] });
    const runOutput = doc.cells[3].outputs.find((o) => o.items[0]?.mime === RUN_MIME)?.items[0].value as unknown as RunOutput;
    assert.ok(runOutput, 'the fit is kept as a run output');
    assert.equal(runOutput.run.status, 'completed');
    assert.equal(runOutput.run.history.loss.length, 3);
    assert.ok(Array.isArray(runOutput.findings));
    assert.deepEqual(doc.fitlab.runs.map((r) => r.id), [runOutput.run.id]);
    assert.deepEqual(runOutput.run.batches, { epoch: [], loss: [], lr: [] }, 'per-batch records are kept once, in the notebook runs');
    assert.ok(doc.fitlab.runs[0].batches.loss.length >= 6, 'two batches per epoch, three epochs');
    assert.deepEqual(doc.cells[4].execution, { order: 4, success: false });
    const error = doc.cells[4].outputs.at(-1)?.items[0];
    assert.equal(error?.mime, ERROR_MIME);
    assert.equal((error?.value as { name: string }).name, 'ReferenceError');
    assert.deepEqual(doc.cells[5].outputs, [], 'a cell after the failure keeps no stale output');
    assert.equal(doc.cells[5].execution, undefined);
  });

  it('runs the TypeScript cells of a Jupyter notebook into ./fitlab-out/<name>/ by default', async () => {
    const dir = workdir('cli-typescript.ipynb');
    // A run from an earlier session in the editor: kept in the executed notebook next to the new one.
    const withEarlierRun = parseNotebook(readFileSync(join(dir, 'cli-typescript.ipynb'), 'utf8'), 'cli-typescript.ipynb');
    withEarlierRun.fitlab.runs.push(sampleRun({ id: 'earlier-run', status: 'completed', epochs: [0, 1], history: { loss: [0.9, 0.7], val_loss: [1, 0.8] } }));
    writeFileSync(join(dir, 'cli-typescript.ipynb'), serializeNotebook(withEarlierRun));
    const result = await fitlab(['run', 'cli-typescript.ipynb'], dir);

    assert.equal(result.code, 0, result.stderr);
    assertInOrder(result.stdout, ['not running 1 python cell (Fitlab runs TypeScript cells; they are kept as they are)', 'length 3\n', '[ 2, 4, 6 ]\n', 'epoch 2/2', 'What the runs showed:', 'Wrote the executed notebook to fitlab-out/cli-typescript/cli-typescript.ipynb']);
    const written = join(dir, 'fitlab-out/cli-typescript/cli-typescript.ipynb');
    const file = JSON.parse(readFileSync(written, 'utf8'));
    assert.equal(file.nbformat, 4);
    assert.deepEqual(file.cells[1].outputs, [{ name: 'stdout', output_type: 'stream', text: ['length 3\n'] }]);
    assert.equal(file.cells[3].outputs[0].output_type, 'execute_result');
    assert.deepEqual(file.cells[3].outputs[0].data['text/plain'], ['[ 2, 4, 6 ]']);
    assert.deepEqual(file.cells[2].outputs, [], 'the Python cell is kept, not run');
    assert.equal(file.cells[2].execution_count, null);
    const run = file.cells[4].outputs[0];
    assert.equal(run.output_type, 'display_data');
    assert.equal(run.data[RUN_MIME].run.status, 'completed');
    assert.match(run.data['text/plain'].join(''), /^run 1 · .* · 2 epochs · /, 'viewers without Fitlab see the run in words');
    assert.match(run.data['image/svg+xml'].join(''), /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, 'and its curves as an image');
    assert.match(result.stdout, /Wrote the report to fitlab-out\/cli-typescript\/report\.html\n/);
    assert.ok(existsSync(join(dir, 'fitlab-out/cli-typescript/report.html')));
    assert.deepEqual(file.metadata.fitlab.runs.map((r: { id: string }) => r.id), ['earlier-run', run.data[RUN_MIME].run.id]);

  });

  it('interrupts a running fit on Ctrl-C, still writing the notebook up to that cell', async () => {
    const dir = workdir('cli-long-fit.tfnb');
    let pressed = false;
    const result = await fitlab(['run', 'cli-long-fit.tfnb', '--out', 'out'], dir, (soFar, child) => {
      if (!pressed && / · epoch 1\//.test(soFar)) {
        pressed = true;
        child.kill('SIGINT');
      }
    });

    assert.ok(pressed, `training never reported an epoch:\n${result.stdout}\n${result.stderr}`);
    assert.equal(result.code, 130, result.stderr);
    assert.match(result.stderr, /^fitlab: interrupted in cell 1 /m);
    assert.ok(existsSync(join(dir, 'out/cli-long-fit.tfnb')));
    const doc = readOutput(join(dir, 'out/cli-long-fit.tfnb'));
    assert.equal(doc.fitlab.runs[0]?.status, 'interrupted');
    assert.ok(doc.fitlab.runs[0].epochs.length < 100000);
    assert.deepEqual(doc.cells[1].outputs, []);
  });
});
