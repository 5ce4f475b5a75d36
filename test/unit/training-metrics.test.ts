// AUC, precision and recall with Keras's numbers: Keras's own test cases, values accumulated over the
// epoch and over the whole validation set (not averaged per batch, as tfjs does with metric functions),
// in real fits on the fast path and on tfjs's own fit loop, and in evaluate/evaluateDataset.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FitlabModule } from '../../src/training/index';
import { binaryData, recordingFitlab, smallModel, useBackend } from './training-fixtures';

const value = (t: tf.Tensor): number => t.dataSync()[0];
const close = (actual: number, expected: number, tolerance: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);

test("Keras's own AUC, precision and recall cases give Keras's values", async () => {
  await useBackend('cpu');
  const { fitlab } = recordingFitlab();
  const v = (values: number[]) => tf.tensor1d(values);
  // keras/src/metrics/confusion_metrics_test.py AUCTest: thresholds [0-1e-7, 0.5, 1+1e-7], tp [2,1,0], fp [2,0,0].
  close(value(fitlab.metrics.AUC({ numThresholds: 3 })(v([0, 0, 1, 1]), v([0, 0.5, 0.3, 0.9]))), 0.75, 1e-6, 'AUC(num_thresholds=3)');
  assert.equal(value(fitlab.metrics.auc(v([0, 0, 1, 1]), v([0, 0, 1, 1]))), 1, 'all correct');
  // AUCTest.test_extra_dims: labels and scores of any rank are flattened.
  const logits = tf.sigmoid(tf.neg(tf.tensor3d([[[-10, 10, -10], [10, -10, 10]], [[-12, 12, -12], [12, -12, 12]]])));
  close(value(fitlab.metrics.auc(tf.tensor3d([[[1, 0, 0], [1, 0, 0]], [[0, 1, 1], [0, 1, 1]]]), logits)), 0.5, 1e-6, 'extra dims');
  // TensorFlow's PR-AUC with careful interpolation on [0.1, 0.4, 0.35, 0.8] vs [0, 0, 1, 1]: 1 - ln(1.5)/2.
  close(value(fitlab.metrics.AUC({ curve: 'PR' })(v([0, 0, 1, 1]), v([0.1, 0.4, 0.35, 0.8]))), 1 - Math.log(1.5) / 2, 1e-3, 'PR AUC');
  // Keras's Precision and Recall docstrings: [0, 1, 1, 1] vs [1, 0, 1, 1] gives 2/3 each.
  close(value(fitlab.metrics.precision(v([0, 1, 1, 1]), v([1, 0, 1, 1]))), 2 / 3, 1e-6, 'precision');
  close(value(fitlab.metrics.recall(v([0, 1, 1, 1]), v([1, 0, 1, 1]))), 2 / 3, 1e-6, 'recall');
  // A score equal to the threshold is not a positive prediction (Keras compares with >).
  assert.equal(value(fitlab.metrics.precision(v([1, 0]), v([0.5, 0.5]))), 0);
  close(value(fitlab.metrics.Recall({ threshold: 0.3 })(v([1, 1]), v([0.4, 0.2]))), 0.5, 1e-6, 'Recall(thresholds=0.3)');
  // Only one class seen: 0, never NaN (Keras's divide_no_nan).
  assert.equal(value(fitlab.metrics.auc(v([1, 1]), v([0.2, 0.9]))), 0);
});

test('bad metric options are refused with the allowed values', () => {
  const { fitlab } = recordingFitlab();
  assert.throws(() => fitlab.metrics.AUC({ numThresholds: 1 }), /fitlab\.metrics\.AUC: numThresholds must be an integer >= 2, got 1/);
  assert.throws(() => fitlab.metrics.AUC({ curve: 'Invalid' as 'PR' }), /curve must be 'ROC' or 'PR', got "Invalid"/);
  assert.throws(() => fitlab.metrics.Precision({ threshold: 1.5 }), /fitlab\.metrics\.Precision: threshold must be in \[0, 1\], got 1\.5/);
  assert.throws(() => fitlab.metrics.Recall({ name: '' }), /fitlab\.metrics\.Recall: name must be a non-empty word/);
});

/**
 * A validation set sorted by label: every validation batch of 4 holds one class, so a per-batch AUC
 * is 0 for each of them and their average is 0, while the AUC of the whole set is high.
 */
function sortedByLabel(x: tf.Tensor2D, y: tf.Tensor2D): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const labels = Array.from(y.dataSync());
  const order = labels.map((label, i) => ({ label, i })).sort((a, b) => a.label - b.label || a.i - b.i).map((e) => e.i);
  const index = tf.tensor1d(order, 'int32');
  return { x: tf.gather(x, index), y: tf.gather(y, index) };
}

function compiledModel(fitlab: FitlabModule, learningRate: number): tf.Sequential {
  const model = smallModel(fitlab, 3);
  model.compile({ optimizer: tf.train.sgd(learningRate), loss: 'binaryCrossentropy', metrics: [fitlab.metrics.auc, fitlab.metrics.precision, fitlab.metrics.recall] });
  return model;
}

/** The metric over the whole set, from the model's current predictions (checked against Keras's cases above). */
const wholeSet = (metric: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): number =>
  value(metric(y, model.predict(x) as tf.Tensor));

for (const backend of ['cpu', 'wasm'] as const) {
  for (const path of ['fast path', "tfjs's own fit loop"] as const) {
    test(`${backend}, ${path}: val_auc, val_precision and val_recall are the values over the whole validation set`, async (t) => {
      if (!(await useBackend(backend))) return t.skip(`${backend} backend does not load here`);
      const { fitlab } = recordingFitlab();
      const train = binaryData(80, 3, 5);
      const raw = binaryData(40, 3, 9);
      const validation = sortedByLabel(raw.x, raw.y);
      const model = compiledModel(fitlab, 0.1);
      const seen: number[] = [];
      // classWeight sends the fit down tfjs's own loop (validation through its test loop, not evaluate).
      const history = await model.fit(train.x, train.y, {
        epochs: 2,
        batchSize: 4,
        validationData: [validation.x, validation.y],
        ...(path === 'fast path' ? {} : { classWeight: { 0: 1, 1: 1 } }),
        callbacks: { onEpochEnd: (_epoch, logs) => void seen.push(logs?.val_auc ?? NaN) },
      });
      const last = (key: string): number => history.history[key][1] as number;
      const expectedAuc = wholeSet(fitlab.metrics.auc, model, validation.x, validation.y);
      assert.ok(expectedAuc > 0.7, `the model ranks the validation set well (AUC ${expectedAuc})`);
      close(last('val_auc'), expectedAuc, 1e-6, 'val_auc');
      close(last('val_precision'), wholeSet(fitlab.metrics.precision, model, validation.x, validation.y), 1e-6, 'val_precision');
      close(last('val_recall'), wholeSet(fitlab.metrics.recall, model, validation.x, validation.y), 1e-6, 'val_recall');
      assert.equal(seen[1], last('val_auc'), 'callbacks (EarlyStopping, ReduceLROnPlateau) see the same value as the history');
    });
  }
}

test('training auc is accumulated over each epoch and starts again at the next one', async () => {
  await useBackend('cpu');
  const { fitlab } = recordingFitlab();
  const { x, y } = binaryData(40, 3, 3);
  // A rate of 0 keeps the predictions fixed, so the epoch's value can be computed from the final model.
  const model = compiledModel(fitlab, 0);
  const firstBatchAuc: number[] = [];
  const history = await model.fit(x, y, {
    epochs: 2,
    batchSize: 8,
    shuffle: false,
    callbacks: { onBatchEnd: (batch, logs) => void (batch === 0 && firstBatchAuc.push(logs?.auc ?? NaN)) },
  });
  const overTheEpoch = wholeSet(fitlab.metrics.auc, model, x, y);
  close(history.history.auc[0] as number, overTheEpoch, 1e-6, 'epoch 1 auc');
  close(history.history.auc[1] as number, overTheEpoch, 1e-6, 'epoch 2 auc');
  const firstBatch = wholeSet(fitlab.metrics.auc, model, x.slice(0, 8), y.slice(0, 8));
  assert.notEqual(firstBatch.toFixed(4), overTheEpoch.toFixed(4), 'the data makes the first batch and the epoch differ');
  close(firstBatchAuc[0], firstBatch, 1e-6, 'running value after batch 1 of epoch 1');
  close(firstBatchAuc[1], firstBatch, 1e-6, 'running value after batch 1 of epoch 2 (reset at the epoch start)');
});

test('evaluate and evaluateDataset report the whole set, not the mean of batch values', async () => {
  await useBackend('cpu');
  const { fitlab } = recordingFitlab();
  const train = binaryData(80, 3, 5);
  const raw = binaryData(40, 3, 9);
  const validation = sortedByLabel(raw.x, raw.y);
  const model = compiledModel(fitlab, 0.1);
  await model.fit(train.x, train.y, { epochs: 2, batchSize: 8 });
  const expected = wholeSet(fitlab.metrics.auc, model, validation.x, validation.y);
  const [, auc] = model.evaluate(validation.x, validation.y, { batchSize: 4 }) as tf.Scalar[];
  close(value(auc), expected, 1e-6, 'evaluate auc');
  const dataset = tf.data.zip({ xs: tf.data.array(validation.x.arraySync()), ys: tf.data.array(validation.y.arraySync()) }).batch(4);
  const [, datasetAuc] = (await model.evaluateDataset(dataset as unknown as Parameters<tf.LayersModel["evaluateDataset"]>[0], {})) as tf.Scalar[];
  close(value(datasetAuc), expected, 1e-6, 'evaluateDataset auc');
});
