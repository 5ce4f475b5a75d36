import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMetric, formatRate } from '../../src/cli/format';
import { epochLine, historyRow, TerminalOutput } from '../../src/cli/progress';
import { findingsAtOrAbove, runSummaryLines } from '../../src/cli/summary';
import type { Finding } from '../../src/protocol/findings';
import type { Run } from '../../src/protocol/run';

function recorder() {
  const written: string[] = [];
  return { written, io: { stdout: (t: string) => void written.push(t), stderr: (t: string) => void written.push(`[err]${t}`), cwd: '/' } };
}

describe('progress lines', () => {
  it('formats one epoch like Keras, 1-based, losses before metrics before rates', () => {
    const line = epochLine({ cellNumber: 4, runNumber: 2 }, 2, 20, { lr: 0.001, val_loss: 0.30121, acc: 0.5, loss: 0.28114, val_acc: 0.25 });
    assert.equal(line, '  cell 4 · run 2 · epoch 3/20 · loss 0.2811 · acc 0.5000 · val_loss 0.3012 · val_acc 0.2500 · lr 1.0e-3');
  });

  it('shows NaN, tiny and huge values readably', () => {
    assert.equal(formatMetric(null), 'nan');
    assert.equal(formatMetric(0.00001234), '1.23e-5');
    assert.equal(formatMetric(123456789), '1.23e+8');
    assert.equal(formatMetric(Infinity), 'inf');
    assert.equal(formatRate(0.0003), '3.0e-4');
  });

  it('reads a row of a history', () => {
    assert.deepEqual(historyRow({ loss: [1, 2], val_loss: [3] }, 1), { loss: 2 });
  });

  it('rewrites the progress line on a terminal and ends it before other output', () => {
    const { written, io } = recorder();
    const out = new TerminalOutput(io, true);
    out.progress('epoch 1/2');
    out.progress('epoch 2/2');
    out.stderr('warning\n');
    assert.deepEqual(written, ['\r\x1b[2Kepoch 1/2', '\r\x1b[2Kepoch 2/2', '\n', '[err]warning\n']);
  });

  it('colours only a terminal', () => {
    assert.equal(new TerminalOutput(recorder().io, true).paint('failed', 'red'), '\x1b[31mfailed\x1b[39m');
    assert.equal(new TerminalOutput(recorder().io, true, false).paint('failed', 'red'), 'failed');
    assert.equal(new TerminalOutput(recorder().io, false).paint('failed', 'red'), 'failed');
  });

  it('gives a pipe one plain line per epoch', () => {
    const { written, io } = recorder();
    const out = new TerminalOutput(io, false);
    out.progress('epoch 1/2');
    out.progress('epoch 2/2');
    out.stdout('done\n');
    assert.deepEqual(written, ['epoch 1/2\n', 'epoch 2/2\n', 'done\n']);
  });
});

describe('run summary', () => {
  const run = {
    id: 'r1',
    label: '16-16 · L2 0.001',
    status: 'stopped',
    stopReason: 'EarlyStopping at epoch 5',
    epochs: [0, 1, 2, 3, 4],
    history: { loss: [1, 0.8, 0.6, 0.5, 0.4], val_loss: [1.1, 0.9, null, 0.95, 1.2] },
  } as unknown as Run;
  const findings: Finding[] = [{ id: 'overfitting', severity: 'warning', epoch: 1, message: 'val_loss rose 33% from its best at epoch 2 while loss kept falling', actions: [] }];

  it('says per run its length, best val_loss with its epoch (from 0, as findings and charts count), final loss, and the findings', () => {
    assert.deepEqual(runSummaryLines([run], { r1: findings }), [
      'What the runs showed:',
      '  run 1 · 16-16 · L2 0.001 · 5 epochs · best val_loss 0.9000 at epoch 1 · final loss 0.4000 · stopped: EarlyStopping at epoch 5',
      '      ! val_loss rose 33% from its best at epoch 2 while loss kept falling',
    ]);
  });

  it('names the run with the lowest val_loss when several validated', () => {
    const other = { ...run, id: 'r2', label: '16-16 · Dropout 0.5', status: 'completed', stopReason: undefined, history: { loss: [1, 0.9], val_loss: [0.95, 0.7] }, epochs: [0, 1] } as Run;
    const lines = runSummaryLines([run, other], {});
    assert.equal(lines.at(-1), 'Lowest val_loss: run 2 · 16-16 · Dropout 0.5 (0.7000 at epoch 1)');
    assert.ok(!runSummaryLines([run], {}).some((line) => line.startsWith('Lowest')), 'not for a single run');
  });

  it('picks the findings --fail-on fails for: that severity or worse', () => {
    const info: Finding = { ...findings[0], id: 'still-improving', severity: 'info' };
    assert.deepEqual(findingsAtOrAbove([run], { r1: [...findings, info] }, 'warning'), ['run 1: overfitting (warning)']);
    assert.deepEqual(findingsAtOrAbove([run], { r1: [...findings, info] }, 'error'), []);
    assert.equal(findingsAtOrAbove([run], { r1: [...findings, info] }, 'info').length, 2);
  });

  it('says so when nothing was trained', () => {
    assert.deepEqual(runSummaryLines([], {}), ['No model was trained (no fit() ran).']);
  });
});
