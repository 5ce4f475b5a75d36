import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { cellErrorForDisplay } from '../../src/host/notebook/cellErrorText';
import { formatMetric, progressLine, summaryLine } from '../../src/host/notebook/progressText';
import { kernelBanner } from '../../src/host/kernel/kernelBanner';
import { statusBarText, statusBarTooltip } from '../../src/host/kernel/statusText';
import { exportFileName, runPickItems } from '../../src/host/commands/runPickItems';
import { sampleRun } from './host-sampleRun';

test('metrics read as 4 decimals, exponent form when tiny or huge, nan for null (as the CLI prints them)', () => {
  assert.equal(formatMetric(0.421337), '0.4213');
  assert.equal(formatMetric(0.00001234), '1.23e-5');
  assert.equal(formatMetric(123456), '1.23e+5');
  assert.equal(formatMetric(null), 'nan');
  assert.equal(formatMetric(0), '0.0000');
});

test('the progress line counts epochs from 1 and shows the latest losses', () => {
  const run = sampleRun({ epochs: [0, 1, 2], history: { loss: [0.9, 0.5, 0.4213], val_loss: [1, 0.6, 0.512] } });
  assert.equal(progressLine(run, 2, 20), 'epoch 3/20 · loss 0.4213 · val_loss 0.5120');
  const noVal = sampleRun({ epochs: [0], history: { loss: [0.9] } });
  assert.equal(progressLine(noVal, 0, 5), 'epoch 1/5 · loss 0.9000');
});

test('the summary line says how the fit ended and why', () => {
  const run = sampleRun({ status: 'stopped', stopReason: 'EarlyStopping at epoch 2', epochs: [0, 1], history: { loss: [0.9, 0.5], val_loss: [0.8, 0.7] } });
  assert.equal(summaryLine(run), '16-16 · L2 0.001 stopped early · 2/3 epochs · loss 0.5000 · val_loss 0.7000 (EarlyStopping at epoch 2)');
});

test('a cell error stack starts with the cell line:column, then the error, then the frames', () => {
  const shown = cellErrorForDisplay({
    name: 'TypeError',
    message: 'model.fitt is not a function',
    stack: 'TypeError: model.fitt is not a function\n    at cell 2:4:9',
    position: { cellIndex: 1, line: 4, column: 9 },
  });
  assert.equal(shown.stack, '4:9: TypeError: model.fitt is not a function\n    at cell 2:4:9');
  const multiline = cellErrorForDisplay({ name: 'Error', message: 'shapes differ\nexpected [2]', stack: 'Error: shapes differ\nexpected [2]\n    at cell-1.ts:1:1', position: { cellIndex: 0, line: 1, column: 1 } });
  assert.equal(multiline.stack, '1:1: Error: shapes differ\nexpected [2]\n    at cell-1.ts:1:1', 'a multi-line message is not repeated');
  const noPosition = cellErrorForDisplay({ name: 'Error', message: 'boom' });
  assert.equal(noPosition.stack, 'Error: boom');
});

test('the kernel banner names the backend, tfjs version and any fallback note', () => {
  assert.equal(
    kernelBanner({ type: 'ready', backend: 'wasm', tfVersion: '4.22.0', notes: ['tfjs-node not installed: using wasm'] }),
    'Fitlab kernel: wasm backend (tfjs 4.22.0) — tfjs-node not installed: using wasm',
  );
});

test('the status bar shows backend and state, or the epoch while training', () => {
  assert.equal(statusBarText({ state: 'idle', backend: 'wasm', preference: 'auto' }), '$(beaker) Fitlab: wasm · idle');
  assert.equal(statusBarText({ state: 'stopped', backend: undefined, preference: 'auto' }), '$(beaker) Fitlab: auto · stopped');
  assert.equal(statusBarText({ state: 'busy', backend: 'cpu', preference: 'cpu', training: { epoch: 2, epochs: 20, label: 'x' } }), '$(beaker) Fitlab: cpu · epoch 3/20');
  const tooltip = statusBarTooltip({ state: 'busy', backend: 'wasm', preference: 'auto', tfVersion: '4.22.0', notes: ['no tfjs-node'], pending: 2 });
  assert.match(tooltip, /wasm \(tfjs 4\.22\.0\)/);
  assert.match(tooltip, /Note: no tfjs-node/);
  assert.match(tooltip, /2 cells queued/);
});

test('run pick items list the newest run first with status, epochs and problems', () => {
  const older = sampleRun({ id: 'a', label: 'small', status: 'completed', epochs: [0, 1, 2], history: { loss: [1, 0.5, 0.25] } });
  const newer = sampleRun({ id: 'b', label: 'big', status: 'completed', epochs: [0], history: { loss: [0.3], val_loss: [0.9] }, cell: { index: 4 } });
  const items = runPickItems([older, newer], { b: [{ id: 'overfitting', severity: 'warning', epoch: 0, message: '', actions: [] }] });
  assert.deepEqual(items.map((i) => i.runId), ['b', 'a']);
  assert.equal(items[0].description, 'completed · 1/3 epochs · cell 5');
  assert.equal(items[0].detail, 'loss 0.3000 · val_loss 0.9000 · ⚠ overfitting');
  assert.equal(items[1].detail, 'loss 0.2500');
});

test('export file names come from the run label, safe for any file system', () => {
  assert.equal(exportFileName(sampleRun({ label: '16-16 · L2 0.001 / drop 0.5' }), 'csv'), '16-16_L2_0.001_drop_0.5.csv');
  assert.equal(exportFileName(sampleRun({ label: '···' }), 'json'), 'run.json');
});
