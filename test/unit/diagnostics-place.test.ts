import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placeFindings, placeInNotebook } from '../../src/diagnostics/code/place';
import { historyToRun } from '../../src/diagnostics/historyFile';
import type { Finding } from '../../src/protocol/findings';

const overfit: Finding = { id: 'overfitting', severity: 'warning', epoch: 3, message: 'm', actions: [], target: 'fit' };
const noReg: Finding = { id: 'no-regularization', severity: 'info', epoch: 3, message: 'm', actions: [], target: 'layer', layer: 'dense_Dense1' };
const lr: Finding = { id: 'lr-too-high', severity: 'warning', epoch: 0, message: 'm', actions: [], target: 'optimizer' };

test('with two fit calls in a cell, the finding goes on the one the run recorded', () => {
  const source = 'await a.fit(x, y, {epochs: 5});\nawait b.fit(x, y, {epochs: 5});';
  const run = historyToRun({ loss: [1] }, 'r');
  run.cell = { index: 0, fitLine: 2 };
  assert.equal(placeFindings(source, [overfit], run)[0]!.range.start.line, 2);
});

test('a finding the code does not show goes on the recorded fit line, without its indentation', () => {
  const run = historyToRun({ loss: [1] }, 'r');
  run.cell = { index: 0, fitLine: 2 };
  const [placed] = placeFindings('const m = build();\n  await train(m);', [lr], run);
  assert.deepEqual(placed!.range, { start: { line: 2, column: 3 }, end: { line: 2, column: 18 } });
});

test('layer and optimizer findings go to the earlier cell that builds the model when the fit cell does not', () => {
  const cells = [
    'const xs = tf.randomNormal([100, 4]);',
    "const model = tf.sequential();\nmodel.add(tf.layers.dense({units: 8, inputShape: [4]}));\nmodel.add(tf.layers.dense({units: 1}));\nmodel.compile({optimizer: tf.train.sgd(1), loss: 'mse'});",
    'await model.fit(xs, ys, {epochs: 20, validationSplit: 0.2});',
  ];
  const run = historyToRun({ loss: [1] }, 'r');
  run.cell = { index: 2, fitLine: 1 };
  run.model.layers = [{ name: 'dense_Dense1', className: 'Dense', params: 40, outputShape: [null, 8] }, { name: 'dense_Dense2', className: 'Dense', params: 9, outputShape: [null, 1] }];
  const placed = placeInNotebook(cells, 2, [overfit, noReg, lr], run);
  assert.deepEqual(placed.map((p) => [p.finding.id, p.cell, p.range.start.line]), [['overfitting', 2, 1], ['no-regularization', 1, 2], ['lr-too-high', 1, 4]]);
});
