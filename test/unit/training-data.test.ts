// Data preparation, evaluation protocols, metrics and baselines, on real tensors.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { binaryData, recordingFitlab, smallModel, useBackend } from './training-fixtures';

const rows = (t: tf.Tensor): number[][] => t.arraySync() as number[][];

test('split holds out the requested fraction, reproducibly with a seed, and keeps x and y rows together', async () => {
  await useBackend('cpu');
  const { fitlab } = recordingFitlab();
  const x = tf.tensor2d(Array.from({ length: 10 }, (_, i) => [i, i * 10]));
  const y = tf.tensor2d(Array.from({ length: 10 }, (_, i) => [i]));
  const a = fitlab.data.split(x, y, { validation: 0.3, seed: 3 });
  const b = fitlab.data.split(x, y, { validation: 0.3, seed: 3 });
  assert.deepEqual([a.xTrain.shape[0], a.xVal.shape[0]], [7, 3]);
  assert.deepEqual(rows(a.xVal), rows(b.xVal));
  rows(a.xTrain).forEach((row, i) => assert.equal(row[0], rows(a.yTrain)[i][0]));
  const all = [...rows(a.yTrain), ...rows(a.yVal)].map((r) => r[0]).sort((p, q) => p - q);
  assert.deepEqual(all, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const unshuffled = fitlab.data.split(x, y, { validation: 0.2, shuffle: false });
  assert.deepEqual(rows(unshuffled.yVal), [[8], [9]]);
  assert.throws(() => fitlab.data.split(x, y, { validation: 1 }), /validation must be in \(0, 1\), got 1/);
});

test('normalize and minMaxScale use training statistics only, and apply them to other data', async () => {
  await useBackend('cpu');
  const { fitlab } = recordingFitlab();
  const train = tf.tensor2d([[1, 10], [3, 10], [5, 10]]);
  const { x, mean, std, apply } = fitlab.data.normalize(train);
  assert.deepEqual(Array.from(mean.dataSync()), [3, 10]);
  const sd = Math.sqrt(8 / 3);
  assert.ok(Math.abs(std.dataSync()[0] - sd) < 1e-5);
  assert.equal(std.dataSync()[1], 1, 'a constant feature is divided by 1, not 0');
  assert.ok(Math.abs(rows(x)[0][0] + 2 / sd) < 1e-5);
  assert.ok(Math.abs(rows(apply(tf.tensor2d([[7, 12]])))[0][0] - 4 / sd) < 1e-5);
  const scaled = fitlab.data.minMaxScale(train);
  assert.deepEqual(rows(scaled.x).map((r) => r[0]), [0, 0.5, 1]);
  assert.deepEqual(rows(scaled.apply(tf.tensor2d([[9, 10]]))), [[2, 0]]);
});

test('multiHot and oneHot encode integer data, and name the offending position when out of range', async () => {
  await useBackend('cpu');
  const { fitlab } = recordingFitlab();
  assert.deepEqual(rows(fitlab.data.multiHot([[0, 3, 3], [], [1]], 4)), [[1, 0, 0, 1], [0, 0, 0, 0], [0, 1, 0, 0]]);
  assert.throws(() => fitlab.data.multiHot([[1], [2, 9]], 4), /sequence 1, position 1: index 9 is outside \[0, 4\)/);
  assert.deepEqual(rows(fitlab.data.oneHot([2, 0], 3)), [[0, 0, 1], [1, 0, 0]]);
  assert.throws(() => fitlab.data.oneHot([0, 3], 3), /label 1 is 3, outside \[0, 3\)/);
});

test('readCsv reads a workspace CSV relative to the notebook, encodes word labels, and names bad cells by line and column', async () => {
  await useBackend('cpu');
  const dir = mkdtempSync(join(tmpdir(), 'fitlab-csv-'));
  writeFileSync(join(dir, 'houses.csv'), 'rooms,"area, m2",kind\n3,70.5,flat\n5,"120",house\n\n2,40,flat\n');
  writeFileSync(join(dir, 'bad.csv'), 'a,b,label\n1,2,0\n1,x,1\n');
  const { fitlab, host } = recordingFitlab();
  (host as { context: () => { cellIndex: number; notebook: string; code: string } }).context = () => ({ cellIndex: 0, notebook: join(dir, 'nb.tfnb'), code: '' });
  const data = fitlab.data.readCsv('houses.csv', { label: 'kind' });
  assert.deepEqual(rows(data.x), [[3, 70.5], [5, 120], [2, 40]]);
  assert.deepEqual(rows(data.y), [[0], [1], [0]]);
  assert.deepEqual(data.classes, ['flat', 'house']);
  assert.deepEqual(data.featureNames, ['rooms', 'area, m2']);
  assert.throws(() => fitlab.data.readCsv('bad.csv', { label: 'label' }), /bad\.csv line 3, column 'b': "x" is not a number/);
  assert.throws(() => fitlab.data.readCsv('houses.csv', { label: 'price' }), /no column 'price' \(columns: rooms, area, m2, kind\)/);
  assert.throws(() => fitlab.data.readCsv('missing.csv', { label: 'a' }), /cannot read .*missing\.csv: ENOENT/);
});

test('baseline gives the majority-class score for classification and the mean predictor for regression', async () => {
  await useBackend('cpu');
  const { fitlab } = recordingFitlab();
  const binary = fitlab.baseline(tf.tensor2d([[1], [1], [1], [0]]), tf.tensor2d([[1], [0], [0], [0]]));
  assert.equal(binary.kind, 'binary');
  if (binary.kind !== 'binary') throw new Error('expected binary classification');
  assert.equal(binary.majorityClass, 1);
  assert.equal(binary.accuracy, 0.25);
  assert.ok(Math.abs(binary.loss - -(Math.log(0.75) + 3 * Math.log(0.25)) / 4) < 1e-12);
  const multi = fitlab.baseline([[0, 1, 0], [0, 1, 0], [1, 0, 0]], [[0, 1, 0], [0, 0, 1]]);
  assert.equal(multi.kind, 'multiclass');
  const regression = fitlab.baseline([1, 2, 3], [2, 4]);
  assert.deepEqual(regression.kind === 'regression' && [regression.mean, regression.mse, regression.mae], [2, 2, 1]);
});

test('auc, precision and recall work as compile metrics and give the textbook values on a batch', async () => {
  await useBackend('cpu');
  const { fitlab } = recordingFitlab();
  const yTrue = tf.tensor2d([[1], [1], [0], [0], [1]]);
  const yPred = tf.tensor2d([[0.9], [0.4], [0.6], [0.1], [0.8]]);
  // positives 0.9, 0.4, 0.8 vs negatives 0.6, 0.1: 5 of 6 pairs ranked right
  assert.ok(Math.abs(fitlab.metrics.auc(yTrue, yPred).dataSync()[0] - 5 / 6) < 1e-6);
  assert.ok(Math.abs(fitlab.metrics.precision(yTrue, yPred).dataSync()[0] - 2 / 3) < 1e-6);
  assert.ok(Math.abs(fitlab.metrics.recall(yTrue, yPred).dataSync()[0] - 2 / 3) < 1e-6);
  const { x, y } = binaryData(60, 3);
  const model = smallModel(fitlab, 3);
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: [fitlab.metrics.auc, fitlab.metrics.precision, fitlab.metrics.recall] });
  const history = await model.fit(x, y, { epochs: 1, batchSize: 30, validationSplit: 0.5 });
  for (const key of ['auc', 'val_auc', 'precision', 'val_recall']) assert.equal(typeof history.history[key]?.[0], 'number', key);
});

test('kfold trains a fresh model per fold, records a run per fold, and reports mean and spread; repeats reshuffle', async () => {
  await useBackend('cpu');
  const { fitlab, recorded } = recordingFitlab({ code: 'const r = await fitlab.kfold({k: 3, build, x, y});' });
  const { x, y } = binaryData(60, 3);
  let built = 0;
  const build = (): tf.LayersModel => { built++; return smallModel(fitlab, 3); };
  const result = await fitlab.kfold({ k: 3, build, x, y, fitArgs: { epochs: 2, batchSize: 10 } });
  assert.equal(built, 3);
  assert.equal(result.folds.length, 3);
  assert.deepEqual(recorded.started.map((r) => r.label), ['8 · L2 0.001 · fold 1/3', '8 · L2 0.001 · fold 2/3', '8 · L2 0.001 · fold 3/3']);
  assert.deepEqual(recorded.started.map((r) => r.data.validation.samples), [20, 20, 20]);
  const finals = result.folds.map((f) => f.final);
  const mean = finals.reduce((a, b) => a + b, 0) / 3;
  assert.ok(Math.abs(result.mean - mean) < 1e-12);
  assert.ok(Math.abs(result.std - Math.sqrt(finals.reduce((s, v) => s + (v - mean) ** 2, 0) / 3)) < 1e-12);
  assert.equal(result.meanHistory.val_loss.length, 2);
  assert.match(result.summary, /^3-fold val_loss: \d\.\d{4} ± \d\.\d{4}/);
  const repeated = await fitlab.kfold({ k: 2, repeats: 2, seed: 1, build, x, y, fitArgs: { epochs: 1, batchSize: 10 } });
  assert.equal(repeated.folds.length, 4);
  assert.match(recorded.started.at(-1)!.label, /repeat 2\/2 fold 2\/2$/);
  await assert.rejects(fitlab.kfold({ k: 1, build, x, y }), /k must be an integer >= 2, got 1/);
});

test('a two-input model fitted on an array of tensors records both inputs\' statistics and the label balance', async () => {
  await useBackend('cpu');
  const { fitlab, recorded } = recordingFitlab();
  const left = tf.input({ shape: [2] });
  const right = tf.input({ shape: [3] });
  const merged = tf.layers.concatenate().apply([left, right]) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 1, activation: 'sigmoid', kernelRegularizer: fitlab.regularizers.l2(0.001) }).apply(merged) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [left, right], outputs: out });
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: [fitlab.metrics.auc] });
  // 10 rows: the left input lies in [0, 1], the right one in [-5, 5]; 3 of the first 8 labels are 1.
  const xLeft = tf.tensor2d(Array.from({ length: 10 }, (_, i) => [i / 9, 1 - i / 9]));
  const xRight = tf.tensor2d(Array.from({ length: 10 }, (_, i) => [i - 5, 5 - i, 0]));
  const y = tf.tensor2d([[1], [0], [1], [0], [0], [1], [0], [0], [1], [1]]);
  const history = await model.fit([xLeft, xRight], y, { epochs: 1, batchSize: 4, validationSplit: 0.2 });
  const { inputs, labels, validation } = recorded.started[0].data;
  assert.deepEqual([inputs.samples, inputs.features, validation.samples], [8, 5, 2]);
  assert.deepEqual([inputs.min, inputs.max], [-5, 5]);
  assert.deepEqual(labels, { kind: 'binary', classBalance: [5 / 8, 3 / 8] });
  assert.equal(typeof history.history.val_auc?.[0], 'number', 'stateful metrics work on multi-input models too');
});
