import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { diagnose } from '../../src/diagnostics';
import { historyToRun, parseHistoryFile } from '../../src/diagnostics/historyFile';
import { DEFAULT_DIAGNOSE_OPTIONS } from '../../src/diagnostics/options';
import { analyzeOverfitting, bestEpoch } from '../../src/diagnostics/rules/overfitting';
import type { FindingId } from '../../src/protocol/findings';

const FIXTURES = join(__dirname, '..', 'fixtures', 'histories');

function findingsOf(file: string) {
  return diagnose(parseHistoryFile(readFileSync(join(FIXTURES, file), 'utf8'), file).run);
}

/** Each synthetic edge case and the findings a person expects of it (and not). */
const TABLE: { file: string; expect: FindingId[]; not: FindingId[] }[] = [
  { file: 'overfit.json', expect: ['overfitting'], not: ['still-improving', 'underfitting'] },
  { file: 'monotone.json', expect: ['still-improving'], not: ['overfitting', 'underfitting', 'lr-too-high'] },
  { file: 'one-bump.json', expect: ['still-improving'], not: ['overfitting'] },
  { file: 'plateau.json', expect: [], not: ['overfitting', 'still-improving'] },
  { file: 'nan.json', expect: ['diverged'], not: ['overfitting'] },
  { file: 'lr-oscillation.json', expect: ['lr-too-high'], not: ['overfitting'] },
  { file: 'lr-too-low.json', expect: ['lr-too-low'], not: ['overfitting', 'lr-too-high'] },
  { file: 'short.json', expect: [], not: ['overfitting'] },
  { file: 'underfit.json', expect: ['underfitting'], not: ['overfitting'] },
  { file: 'no-validation.json', expect: ['no-validation'], not: ['overfitting'] },
];

for (const row of TABLE) {
  test(`${row.file}: ${row.expect.join(', ') || 'no curve findings'}${row.not.length ? `, never ${row.not.join('/')}` : ''}`, () => {
    const ids = findingsOf(row.file).map((f) => f.id);
    for (const id of row.expect) assert.ok(ids.includes(id), `expected ${id}, got [${ids.join(', ')}]`);
    for (const id of row.not) assert.ok(!ids.includes(id), `did not expect ${id}, got [${ids.join(', ')}]`);
  });
}

test('overfitting names the onset (epoch of the best val_loss), the numbers, and the remedies in order', () => {
  const finding = findingsOf('overfit.json').find((f) => f.id === 'overfitting')!;
  assert.equal(finding.epoch, 9);
  assert.equal(finding.severity, 'warning');
  assert.match(finding.message, /^val_loss rose \d+% from its minimum 0\.545 at epoch 9 over 20 epochs .* while loss fell \d+%$/);
  const order = ['more training data', 'smaller network', 'regularization', 'Dropout', 'EarlyStopping'];
  const positions = order.map((word) => finding.actions.findIndex((a) => a.includes(word)));
  assert.ok(positions.every((p) => p >= 0), `actions: ${finding.actions.join(' | ')}`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions);
  assert.match(finding.actions.at(-1)!, /epoch 9/);
});

test('one bad epoch after the best is not overfitting, however large', () => {
  // The best (0.38 at epoch 6), one spike to 0.9, then values back within 2% of the best.
  const val = [1, 0.8, 0.6, 0.5, 0.45, 0.42, 0.38, 0.9, 0.39, 0.385, 0.383, 0.382];
  const loss = val.map((_, i) => 1 - i * 0.07);
  const ids = diagnose(historyToRun({ loss, val_loss: val }, 'spike')).map((f) => f.id);
  assert.ok(!ids.includes('overfitting'), ids.join(','));
});

test('a lone lucky dip on a plateau is not taken as the best epoch', () => {
  // plateau-dip.json: val_loss flat around 0.57 from epoch 8 with one epoch at 0.4 (epoch 30)
  // while the training loss keeps falling: the gap widens from the plateau, not from the dip.
  const overfit = findingsOf('plateau-dip.json').find((f) => f.id === 'overfitting');
  assert.ok(overfit, 'a validation plateau beside a training loss falling 68% is a widening gap');
  assert.notEqual(overfit.epoch, 30);
  assert.ok(overfit.epoch! < 30);
});

test('a sharp V is a real best epoch, not a dip', () => {
  assert.equal(findingsOf('overfit.json').find((f) => f.id === 'overfitting')!.epoch, 9);
});

test('a rise while the training loss rises too is not called overfitting', () => {
  const val = [1, 0.7, 0.5, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9];
  const loss = [1, 0.7, 0.5, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9];
  assert.ok(!diagnose(historyToRun({ loss, val_loss: val }, 'both-rise')).some((f) => f.id === 'overfitting'));
});

test('the rise that counts is an option: a 20% threshold ignores a 10% rise the default flags', () => {
  const loss = Array.from({ length: 16 }, (_, i) => 1 - i * 0.05);
  const val = [1, 0.8, 0.65, 0.55, 0.5, 0.5, 0.52, 0.53, 0.54, 0.55, 0.55, 0.56, 0.56, 0.57, 0.57, 0.58];
  const run = historyToRun({ loss, val_loss: val }, 'mild');
  assert.ok(diagnose(run).some((f) => f.id === 'overfitting'));
  assert.ok(!diagnose(run, { overfitRise: 0.2 }).some((f) => f.id === 'overfitting'));
});

test('epochs in findings are the run\'s epoch numbers (initialEpoch counts)', () => {
  const run = parseHistoryFile(readFileSync(join(FIXTURES, 'overfit.json'), 'utf8'), 'overfit.json').run;
  run.epochs = run.epochs.map((e) => e + 10);
  assert.equal(diagnose(run).find((f) => f.id === 'overfitting')!.epoch, 19);
});

test('a run stopped by EarlyStopping is not "still improving"', () => {
  const run = parseHistoryFile(readFileSync(join(FIXTURES, 'monotone.json'), 'utf8'), 'm').run;
  run.stopReason = 'EarlyStopping at epoch 19';
  assert.ok(!diagnose(run).some((f) => f.id === 'still-improving'));
});

test('a batch loss climbing within the first epoch says the learning rate is too high before any epoch curve can', () => {
  const run = historyToRun({ loss: [2.9] }, 'one-epoch');
  const batches = Array.from({ length: 40 }, (_, i) => 0.7 + i * 0.05 + (i % 2 ? 0.03 : -0.03));
  run.batches = { epoch: batches.map(() => 0), loss: batches, lr: batches.map(() => 0.5) };
  run.optimizer = { name: 'sgd', learningRate: { initial: 0.5 } };
  const finding = diagnose(run).find((f) => f.id === 'lr-too-high')!;
  assert.match(finding.message, /batch loss rose from 0\.\d+ to 2\.\d+ over 40 batches instead of falling \(learning rate 0\.5\)/);
  assert.equal(finding.target, 'optimizer');
  // The same batches falling: nothing to say.
  run.batches.loss = [...batches].reverse();
  assert.ok(!diagnose(run).some((f) => f.id === 'lr-too-high'));
});

test('a fit stopped on a NaN batch is "diverged" at the 0-based epoch of the recorder\'s 1-based reason', () => {
  const run = historyToRun({ loss: [0.9, 0.8] }, 'nan-batch');
  run.status = 'failed';
  run.stopReason = 'loss became NaN at epoch 3, batch 12: the updates diverged';
  const finding = diagnose(run)[0]!;
  assert.deepEqual([finding.id, finding.severity, finding.epoch, finding.target], ['diverged', 'error', 2, 'optimizer']);
  run.stopReason = 'fit failed: financial data has the wrong shape';
  assert.ok(!diagnose(run).some((f) => f.id === 'diverged'));
});

test('a noisy validation curve that stopped improving beside a clearly falling training loss is a widening gap', () => {
  // val_loss bottoms at epoch 4, then zig-zags 2-67% above it (its rise alone is within its noise);
  // the training loss falls 55% after the onset in a steady trend.
  const val = [1.0, 0.7, 0.55, 0.5, 0.45, 0.75, 0.46, 0.74, 0.47, 0.73, 0.46, 0.72, 0.47];
  const loss = val.map((_, i) => 0.9 * Math.pow(0.9, i));
  const analysis = analyzeOverfitting(loss, val, DEFAULT_DIAGNOSE_OPTIONS)!;
  assert.equal(analysis.overfitting, true);
  assert.equal(analysis.gapWidening, true);
  assert.equal(analysis.onset, 4);
  // The same validation curve beside a training loss that stalls is not overfitting.
  const flat = val.map((_, i) => (i < 5 ? 0.9 - i * 0.1 : 0.5 + (i % 2) * 0.01));
  assert.equal(analyzeOverfitting(flat, val, DEFAULT_DIAGNOSE_OPTIONS)!.overfitting, false);
});

test('bestEpoch skips a lone dip but keeps the bottom of a V', () => {
  assert.equal(bestEpoch([0.6, 0.58, 0.61, 0.59, 0.3, 0.6, 0.59, 0.6], 4), 1);
  assert.equal(bestEpoch([1, 0.8, 0.6, 0.4, 0.2, 0.4, 0.6, 0.8], 4), 4);
});

test('a rise under 5% of the loss that gives back a tenth of what it had gained is overfitting, and the message says so in numbers', () => {
  // val_loss falls 1.3 -> 1.0 (the best, epoch 5), then settles 0.04 higher: 4% of the loss, 20%
  // of the 0.2 it had gained since its first three epochs (median 1.2). Training keeps falling.
  const settled = [1.044, 1.037, 1.042, 1.036, 1.043, 1.038, 1.044, 1.037];
  const val = [1.3, 1.2, 1.12, 1.06, 1.02, 1.0, ...settled];
  const loss = val.map((_, i) => 1 - i * 0.04);
  const finding = diagnose(historyToRun({ loss, val_loss: val }, 'gain')).find((f) => f.id === 'overfitting');
  assert.ok(finding, 'a rise of a fifth of the gain was not flagged');
  assert.equal(finding.epoch, 5);
  assert.match(finding.message, /^val_loss rose 0\.04 from its minimum 1 at epoch 5 over 8 epochs \(median 1\.04, last 1\.04\), 20% of the 0\.2 it had gained since its first three epochs \(median 1\.2\), while loss fell \d+%$/);
  // The same 0.04 after a fall from 2.0 is 4% of the gain: not overfitting.
  const longFall = [2.0, 1.6, 1.3, 1.12, 1.04, 1.0, ...settled];
  assert.ok(!diagnose(historyToRun({ loss, val_loss: longFall }, 'long-fall')).some((f) => f.id === 'overfitting'));
  // Half the rise setting stays a floor: with overfitRise 10%, a 4% rise is not flagged however large a share of the gain.
  assert.ok(!diagnose(historyToRun({ loss, val_loss: val }, 'gain'), { overfitRise: 0.1 }).some((f) => f.id === 'overfitting'));
  // The same curve beside a training loss that stopped falling is not overfitting.
  const stalled = val.map((_, i) => (i < 6 ? 1 - i * 0.04 : 0.8 + (i % 2) * 0.005));
  assert.ok(!diagnose(historyToRun({ loss: stalled, val_loss: val }, 'stalled')).some((f) => f.id === 'overfitting'));
});
