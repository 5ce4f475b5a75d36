// Real tfjs fits through the fit recorder, on every backend that loads here (cpu and wasm).
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyRunDelta, type Run } from '../../src/protocol/run';
import { plainFit } from '../../src/training/index';
import { binaryData, recordingFitlab, smallModel, useBackend, weightsOf } from './training-fixtures';

for (const backend of ['cpu', 'wasm'] as const) {
  test(`[${backend}] the fast path trains exactly as tfjs's own fit: same epoch losses and final weights (shuffle off)`, async (t) => {
    if (!(await useBackend(backend))) return t.skip(`${backend} backend did not load`);
    const { fitlab } = recordingFitlab();
    const { x, y } = binaryData(100, 6);
    const fast = smallModel(fitlab, 6);
    const plain = smallModel(fitlab, 6);
    assert.deepEqual(weightsOf(fast), weightsOf(plain));
    const args = { epochs: 3, batchSize: 16, shuffle: false, validationSplit: 0.2 };
    const fastHistory = await fast.fit(x, y, args);
    const plainHistory = await plainFit(tf, plain, x, y, args);
    for (const key of ['loss', 'acc', 'val_loss', 'val_acc']) assert.deepEqual(fastHistory.history[key], plainHistory.history[key], key);
    assert.deepEqual(weightsOf(fast), weightsOf(plain));
  });

  test(`[${backend}] with fitlab.seed, shuffled fits with dropout match tfjs's own fit and repeat exactly`, async (t) => {
    if (!(await useBackend(backend))) return t.skip(`${backend} backend did not load`);
    const { fitlab } = recordingFitlab();
    const { x, y } = binaryData(90, 5);
    const train = async (fit: 'fast' | 'plain'): Promise<number[]> => {
      fitlab.seed(42);
      const model = tf.sequential({ layers: [tf.layers.dense({ units: 6, activation: 'relu', inputShape: [5] }), tf.layers.dropout({ rate: 0.5 }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
      model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
      const args = { epochs: 3, batchSize: 20 };
      const history = fit === 'fast' ? await model.fit(x, y, args) : await plainFit(tf, model, x, y, args);
      return history.history.loss as number[];
    };
    try {
      const first = await train('fast');
      assert.deepEqual(await train('fast'), first, 'two seeded fits');
      assert.deepEqual(await train('plain'), first, 'seeded tfjs fit');
    } finally {
      fitlab.seed(null);
    }
  });
}

test('validationSplit validates on the LAST fraction of the samples, as tfjs and Keras do', async () => {
  await useBackend('cpu');
  const { fitlab } = recordingFitlab();
  const { x, y } = binaryData(50, 4);
  const split = smallModel(fitlab, 4);
  const explicit = smallModel(fitlab, 4);
  const a = await split.fit(x, y, { epochs: 2, batchSize: 8, shuffle: false, validationSplit: 0.2 });
  const b = await explicit.fit(x.slice(0, 40), y.slice(0, 40), { epochs: 2, batchSize: 8, shuffle: false, validationData: [x.slice(40), y.slice(40)] });
  assert.deepEqual(a.history.val_loss, b.history.val_loss);
});

test('each fit becomes a run: model, optimizer, data, params and history filled, streamed started -> progress -> ended', async () => {
  await useBackend('cpu');
  const { fitlab, recorded } = recordingFitlab({ code: '// build\nconst h = await model.fit(x, y, {\n  epochs: 4,\n});' });
  const { x, y } = binaryData(120, 5);
  const model = smallModel(fitlab, 5, { dropout: 0.25, optimizer: tf.train.rmsprop(0.01) });
  await model.fit(x, y, { epochs: 4, batchSize: 10, validationSplit: 0.25, callbacks: [fitlab.callbacks.reduceLROnPlateau({ patience: 1 })] });

  assert.equal(recorded.started.length, 1);
  assert.equal(recorded.ended.length, 1);
  const started = recorded.started[0];
  assert.equal(started.status, 'running');
  assert.deepEqual(started.epochs, []);
  assert.equal(started.label, '8 · L2 0.001 · Dropout 0.25 · ReduceLROnPlateau');
  assert.deepEqual(started.cell, { index: 3, fitLine: 2 });
  assert.equal(started.notebook, '/tmp/notebook.tfnb');
  assert.deepEqual(started.model.layers.map((l) => [l.className, l.units, l.activation, l.rate, l.kernelRegularizer?.l2]), [
    ['Dense', 8, 'relu', undefined, 0.001],
    ['Dropout', undefined, undefined, 0.25, undefined],
    ['Dense', 1, 'sigmoid', undefined, undefined],
  ]);
  assert.equal(started.model.totalParams, 5 * 8 + 8 + 8 + 1);
  assert.deepEqual(started.optimizer, { name: 'rmsprop', learningRate: { initial: 0.01, callbacks: ['reduceLROnPlateau'] } });
  assert.equal(started.loss, 'binaryCrossentropy');
  assert.deepEqual(started.metrics, ['acc']);
  assert.equal(started.data.inputs.samples, 90);
  assert.equal(started.data.inputs.features, 5);
  assert.equal(started.data.labels.kind, 'binary');
  assert.ok(Math.abs(started.data.labels.classBalance!.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  assert.deepEqual(started.data.validation, { source: 'validationSplit', samples: 30 });
  assert.deepEqual(started.params, { epochs: 4, batchSize: 10, initialEpoch: 0, shuffle: true, validationSplit: 0.25 });

  // The streamed deltas rebuild the whole history, lr included, with 9 batches per epoch.
  const live: Run = structuredClone(started);
  for (const p of recorded.progress) applyRunDelta(live, p.delta);
  assert.deepEqual(live.epochs, [0, 1, 2, 3]);
  assert.deepEqual(Object.keys(live.history).sort(), ['acc', 'loss', 'lr', 'val_acc', 'val_loss']);
  assert.equal(live.history.lr[0], 0.01);
  assert.equal(live.batches.loss.length, 4 * 9);
  assert.ok(recorded.progress.length < 4 * 9, `throttled: ${recorded.progress.length} messages for 36 batches`);
  assert.equal(recorded.progress.at(-1)!.epoch, 3);
  assert.deepEqual(recorded.ended[0], { runId: started.id, status: 'completed', endedAt: recorded.ended[0].endedAt, stopReason: undefined, restoredEpoch: undefined });
});

test('a schedule is applied per optimizer step (batch), and lr is logged per batch and per epoch', async () => {
  await useBackend('cpu');
  const { fitlab, recorded } = recordingFitlab();
  const schedule = fitlab.schedules.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5, staircase: true });
  const { x, y } = binaryData(40, 3);
  const model = smallModel(fitlab, 3, { optimizer: fitlab.optimizers.sgd({ learningRate: schedule }) });
  const history = await model.fit(x, y, { epochs: 2, batchSize: 10 });
  const live: Run = structuredClone(recorded.started[0]);
  for (const p of recorded.progress) applyRunDelta(live, p.delta);
  assert.deepEqual(live.batches.lr, [0, 1, 2, 3, 4, 5, 6, 7].map((step) => schedule(step)));
  assert.deepEqual(history.history.lr, [schedule(3), schedule(7)]);
  assert.equal(live.optimizer.learningRate.schedule, 'exponentialDecay');
  await assert.rejects(model.fit(x, y, { epochs: 1, callbacks: [fitlab.callbacks.reduceLROnPlateau()] }), /cannot change the learning rate of an optimizer created with a learning-rate schedule/);
});

test('a loss that becomes NaN stops the fit naming epoch, batch and the learning rate; the run keeps its history', async () => {
  await useBackend('cpu');
  const { recorded } = recordingFitlab();
  const { x, y } = binaryData(64, 4);
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4] }), tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.sgd(1e6), loss: 'meanSquaredError' });
  await assert.rejects(model.fit(x.mul(100), y, { epochs: 5, batchSize: 8 }), (error: Error) => {
    assert.equal(error.name, 'TrainingDivergedError');
    assert.match(error.message, /^loss became (NaN|infinite) at epoch 1, batch \d+: .*learning rate \(1000000\) is likely too high/);
    return true;
  });
  const ended = recorded.ended[0];
  assert.equal(ended.status, 'failed');
  assert.match(ended.stopReason!, /at epoch 1, batch/);
  const live: Run = structuredClone(recorded.started[0]);
  for (const p of recorded.progress) applyRunDelta(live, p.delta);
  assert.ok(live.batches.loss.length >= 1 && live.batches.loss.length < 8, `stopped within the first epoch (${live.batches.loss.length} batches)`);

  // When the inputs themselves hold NaN, that is the cause named.
  const withNaN = tf.concat([tf.fill([1, 4], NaN), x.slice(1)]);
  const calm = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
  calm.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
  await assert.rejects(calm.fit(withNaN, y, { epochs: 1, batchSize: 8, shuffle: false }), /loss became NaN at epoch 1, batch 1: the training inputs contain NaN or infinite values/);
});

test('an interrupt stops the fit at the next batch; the model and the history so far are kept', async () => {
  await useBackend('cpu');
  const { fitlab, recorded, interrupt } = recordingFitlab();
  const { x, y } = binaryData(100, 4);
  const model = smallModel(fitlab, 4);
  const history = await model.fit(x, y, { epochs: 10, batchSize: 10, callbacks: [{ onBatchEnd: async (batch: number) => { if (batch === 2) interrupt(); } }] });
  assert.equal(recorded.ended[0].status, 'interrupted');
  assert.equal(recorded.ended[0].stopReason, 'interrupted at epoch 1, batch 4');
  assert.equal(history.epoch.length, 1);
  assert.equal(model.predict(x.slice(0, 2)) instanceof tf.Tensor, true);
});

test('shape mismatches name the layer and both shapes; invalid arguments are refused before training starts', async () => {
  await useBackend('cpu');
  const { fitlab, recorded } = recordingFitlab();
  const { x, y } = binaryData(20, 4);
  const model = smallModel(fitlab, 3);
  await assert.rejects(model.fit(x, y), /Shape mismatch: layer 'dense_Dense\d+' expects input of shape \[null, 3\], but x has shape \[20, 4\]/);
  const ok = smallModel(fitlab, 4);
  await assert.rejects(ok.fit(x, tf.zeros([20, 2])), /layer 'dense_Dense\d+' expects output of shape \[null, 1\], but y has shape \[20, 2\]/);
  await assert.rejects(ok.fit(x, y, { validationSplit: 1.2 }), /validationSplit must be in \[0, 1\), got 1.2/);
  await assert.rejects(ok.fit(x, y, { epochs: 0 }), /epochs must be an integer >= 1, got 0/);
  const dropout = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [4] }), tf.layers.dropout({ rate: 1 }), tf.layers.dense({ units: 1 })] });
  dropout.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  await assert.rejects(dropout.fit(x, y), /Dropout layer 'dropout_Dropout\d+': rate must be in \[0, 1\), got 1/);
  assert.equal(recorded.started.length, 0, 'no run was started');
});

test('earlyStopping with restoreBestWeights ends the run "stopped" and leaves the best epoch\'s weights in the model', async () => {
  await useBackend('cpu');
  const { fitlab, recorded } = recordingFitlab();
  const { x, y } = binaryData(80, 4);
  const model = smallModel(fitlab, 4, { optimizer: tf.train.sgd(3) });
  const history = await model.fit(x, y, { epochs: 30, batchSize: 8, shuffle: false, validationSplit: 0.25, callbacks: [fitlab.callbacks.earlyStopping({ patience: 1, restoreBestWeights: true })] });
  const valLoss = history.history.val_loss as number[];
  const ended = recorded.ended[0];
  const best = valLoss.indexOf(Math.min(...valLoss));
  assert.equal(ended.restoredEpoch, best);
  assert.ok(valLoss.length < 30, `stopped early (${valLoss.length} epochs)`);
  assert.equal(ended.status, 'stopped');
  assert.equal(ended.stopReason, `EarlyStopping at epoch ${valLoss.length}`);
  const evaluated = (model.evaluate(x.slice(60), y.slice(60), { batchSize: 8 }) as tf.Scalar[])[0].dataSync()[0];
  assert.ok(Math.abs(evaluated - valLoss[best]) < 1e-5, `restored weights give val_loss ${evaluated}, best was ${valLoss[best]}`);
});

test('tfjs callbacks keep working: tf.callbacks.earlyStopping and plain {onEpochEnd} objects', async () => {
  await useBackend('cpu');
  const { fitlab, recorded } = recordingFitlab();
  const { x, y } = binaryData(60, 4);
  const model = smallModel(fitlab, 4, { optimizer: tf.train.sgd(0.01) });
  const seen: number[] = [];
  await model.fit(x, y, { epochs: 20, batchSize: 20, validationSplit: 0.2, callbacks: [tf.callbacks.earlyStopping({ monitor: 'val_loss', minDelta: 10, patience: 1 }), { onEpochEnd: async (epoch: number, logs?: tf.Logs) => { seen.push(epoch); assert.equal(typeof logs?.val_loss, 'number'); } }] });
  assert.deepEqual(seen, [0, 1]);
  assert.equal(recorded.ended[0].status, 'stopped');
});

test('a fitDataset the user calls is recorded too, with the dataset\'s batch size, the same callbacks and lr logging', async () => {
  await useBackend('cpu');
  const { fitlab, recorded } = recordingFitlab();
  const { x, y } = binaryData(40, 3);
  const model = smallModel(fitlab, 3);
  const dataset = tf.data.zip({ xs: tf.data.array(x.arraySync() as number[][]), ys: tf.data.array(y.arraySync() as number[][]) }).batch(10);
  const history = await model.fitDataset(dataset as tf.data.Dataset<tf.TensorContainer>, { epochs: 2, validationData: [x, y], callbacks: [fitlab.callbacks.reduceLROnPlateau({ patience: 5 })] });
  assert.equal(recorded.started.length, 1);
  assert.equal(recorded.started[0].params.batchSize, 10, 'announced after the first batch, which holds 10 samples');
  assert.deepEqual(recorded.started[0].data.validation, { source: 'validationData', samples: 40 });
  assert.equal(recorded.ended[0].status, 'completed');
  assert.deepEqual(history.history.lr, [0.1, 0.1]);
});

test('recorded fits leak no tensors: a second fit of the same model leaves the tensor count unchanged', async () => {
  await useBackend('cpu');
  const { fitlab } = recordingFitlab();
  const { x, y } = binaryData(50, 4);
  const model = smallModel(fitlab, 4, { dropout: 0.2, optimizer: fitlab.optimizers.adam({ learningRate: fitlab.schedules.cosineDecay({ initialLearningRate: 0.01, decaySteps: 20 }) }) });
  const args = { epochs: 2, batchSize: 8, validationSplit: 0.2, callbacks: [fitlab.callbacks.earlyStopping({ patience: 5, restoreBestWeights: true })] };
  await model.fit(x, y, args); // creates the optimizer's slots
  const before = tf.memory().numTensors;
  await model.fit(x, y, args);
  assert.equal(tf.memory().numTensors, before);
});
