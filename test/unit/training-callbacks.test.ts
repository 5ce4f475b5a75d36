// Fitlab's callbacks driven directly with synthetic logs, as tfjs's and Keras's own callback tests do.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callbacks } from '../../src/training/callbacks';
import type { CallbackModel, FitlabCallback } from '../../src/training/callbacks';
import { createOptimizers } from '../../src/training/optimizers';
import { exponentialDecay } from '../../src/training/schedules';

function fakeModel(optimizer: tf.Optimizer = tf.train.adam(0.1)): CallbackModel & { weights: tf.Tensor[] } {
  const model = {
    optimizer,
    stopTraining: false,
    weights: [tf.scalar(0)] as tf.Tensor[],
    getWeights: () => model.weights,
    setWeights: (w: tf.Tensor[]) => { model.weights = w.map((t) => t.clone()); },
  };
  return model;
}

const lrOf = (m: CallbackModel): number => (m.optimizer as unknown as { learningRate: number }).learningRate;

/** Runs one fit's worth of epochs; returns the rate in force at the end of each epoch (after the callback). */
async function drive(cb: FitlabCallback, model: CallbackModel, values: (number | undefined)[], monitor = 'val_loss'): Promise<number[]> {
  cb.setModel(model);
  await cb.onTrainBegin();
  const rates: number[] = [];
  for (const [epoch, value] of values.entries()) {
    await cb.onEpochBegin(epoch);
    await cb.onEpochEnd(epoch, value === undefined ? { loss: 1 } : { [monitor]: value });
    rates.push(lrOf(model));
    if (model.stopTraining) break;
  }
  await cb.onTrainEnd();
  return rates;
}

test('reduceLROnPlateau reproduces Keras\'s own tests (Adam 0.1, constant val_loss)', async () => {
  const cases: { name: string; options: Parameters<typeof callbacks.reduceLROnPlateau>[0]; epochs: number; final: number }[] = [
    { name: 'reduces with fit (patience 1, factor 0.1, min_delta 100, 2 epochs)', options: { patience: 1, factor: 0.1, minDelta: 100 }, epochs: 2, final: 0.01 },
    { name: 'honors min_lr (min_delta 10, min_lr 0.005, 4 epochs)', options: { patience: 1, factor: 0.1, minDelta: 10, minLr: 0.005 }, epochs: 4, final: 0.005 },
    { name: 'cooldown 2 (min_delta 100, 4 epochs)', options: { patience: 1, factor: 0.1, minDelta: 100, cooldown: 2 }, epochs: 4, final: 0.001 },
  ];
  for (const c of cases) {
    const model = fakeModel();
    await drive(callbacks.reduceLROnPlateau(c.options), model, new Array(c.epochs).fill(0.5));
    assert.ok(Math.abs(lrOf(model) - c.final) < 1e-12, `${c.name}: got ${lrOf(model)}`);
  }
});

test('reduceLROnPlateau: epoch-by-epoch rate sequences for patience, cooldown, min_lr and max mode', async () => {
  const table: { options: Parameters<typeof callbacks.reduceLROnPlateau>[0]; values: number[]; rates: number[] }[] = [
    // improves, then plateaus: reduce after 2 bad epochs, then again 2 later
    { options: { patience: 2, factor: 0.5 }, values: [1, 0.9, 0.9, 0.9, 0.9, 0.9], rates: [0.1, 0.1, 0.1, 0.05, 0.05, 0.025] },
    // Keras counts the cooldown down before checking it, so cooldown 1 skips nothing and cooldown 2 skips one epoch
    { options: { patience: 1, factor: 0.5, cooldown: 1 }, values: [1, 1, 1, 1], rates: [0.1, 0.05, 0.025, 0.0125] },
    { options: { patience: 1, factor: 0.5, cooldown: 2 }, values: [1, 1, 1, 1, 1], rates: [0.1, 0.05, 0.05, 0.025, 0.025] },
    // min delta is absolute: 0.95 is not better than 1 - 0.1
    { options: { patience: 1, factor: 0.5, minDelta: 0.1 }, values: [1, 0.95, 0.8], rates: [0.1, 0.05, 0.05] },
    // min_lr floors the rate and stops further reductions
    { options: { patience: 1, factor: 0.1, minLr: 0.02 }, values: [1, 1, 1, 1], rates: [0.1, 0.02, 0.02, 0.02] },
  ];
  for (const row of table) {
    const rates = await drive(callbacks.reduceLROnPlateau(row.options), fakeModel(), row.values);
    rates.forEach((r, i) => assert.ok(Math.abs(r - row.rates[i]) < 1e-12, `${JSON.stringify(row.options)} epoch ${i}: ${rates} vs ${row.rates}`));
  }
  // 'auto' mode is max for an accuracy monitor: rising accuracy is improvement, falling is not
  const acc = await drive(callbacks.reduceLROnPlateau({ monitor: 'val_acc', patience: 1, factor: 0.5 }), fakeModel(), [0.5, 0.6, 0.55], 'val_acc');
  assert.deepEqual(acc, [0.1, 0.1, 0.05]);
});

test('reduceLROnPlateau resets its state at each fit', async () => {
  const cb = callbacks.reduceLROnPlateau({ patience: 2, factor: 0.5 });
  const model = fakeModel();
  await drive(cb, model, [1, 1]); // one bad epoch counted
  assert.equal(cb.wait, 1);
  await drive(cb, model, [5]); // a new fit: best is reset, so 5 is an improvement
  assert.equal(cb.wait, 0);
  assert.equal(cb.best, 5);
  assert.equal(lrOf(model), 0.1);
});

test('reduceLROnPlateau warns and changes nothing when the monitored value is missing', async () => {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (message: string) => warnings.push(message);
  try {
    const model = fakeModel();
    const rates = await drive(callbacks.reduceLROnPlateau({ patience: 0 }), model, [undefined, undefined]);
    assert.deepEqual(rates, [0.1, 0.1]);
    assert.match(warnings[0], /"val_loss" is not in the epoch logs \(available: loss, lr\)/);
  } finally {
    console.warn = original;
  }
});

test('reduceLROnPlateau refuses factor >= 1 and negative patience before training, with the allowed range', () => {
  assert.throws(() => callbacks.reduceLROnPlateau({ factor: 1 }), /factor must be in \[0, 1\).*got 1/);
  assert.throws(() => callbacks.reduceLROnPlateau({ factor: 1.5 }), /factor >= 1/);
  assert.throws(() => callbacks.reduceLROnPlateau({ patience: -1 }), /patience must be an integer >= 0, got -1/);
  assert.throws(() => callbacks.earlyStopping({ patience: -2 }), /patience must be an integer >= 0, got -2/);
});

test('reduceLROnPlateau on a schedule-driven optimizer is a clear error, as in Keras', async () => {
  const optimizer = createOptimizers(tf).adam({ learningRate: exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9 }) });
  const cb = callbacks.reduceLROnPlateau();
  cb.setModel(fakeModel(optimizer));
  await assert.rejects(cb.onTrainBegin(), /created with a learning-rate schedule/);
});

test('reduceLROnPlateau really changes the rate of sgd, whose learningRate field alone is ignored by tfjs', async () => {
  const optimizer = tf.train.sgd(0.1);
  const model = fakeModel(optimizer);
  await drive(callbacks.reduceLROnPlateau({ patience: 1, factor: 0.5 }), model, [1, 1]);
  // sgd multiplies gradients by its cached scalar c = -lr: check the update itself
  const v = tf.variable(tf.scalar(1));
  optimizer.applyGradients([{ name: v.name, tensor: tf.scalar(1) }]);
  assert.ok(Math.abs(v.dataSync()[0] - (1 - 0.05)) < 1e-7, `update used lr ${1 - v.dataSync()[0]}`);
});

test('earlyStopping: patience, min delta, baseline and max mode, epoch by epoch', async () => {
  const table: { options: Parameters<typeof callbacks.earlyStopping>[0]; values: number[]; stoppedEpoch: number; monitor?: string }[] = [
    { options: { patience: 0 }, values: [1, 0.9, 0.95, 0.8], stoppedEpoch: 2 },
    { options: { patience: 2 }, values: [1, 0.9, 0.95, 0.93, 0.8], stoppedEpoch: 3 },
    { options: { patience: 1, minDelta: 0.2 }, values: [1, 0.9, 0.85], stoppedEpoch: 1 },
    { options: { patience: 5 }, values: [1, 0.9, 0.8], stoppedEpoch: 0 },
    // baseline: improvements that do not beat it do not reset the wait (same values stop 1 epoch later without it)
    { options: { patience: 2, baseline: 0.5 }, values: [1, 0.9, 0.95, 0.97], stoppedEpoch: 2 },
    { options: { patience: 2 }, values: [1, 0.9, 0.95, 0.97], stoppedEpoch: 3 },
    { options: { monitor: 'val_acc', patience: 1 }, values: [0.5, 0.6, 0.55, 0.7], stoppedEpoch: 2, monitor: 'val_acc' },
  ];
  for (const row of table) {
    const cb = callbacks.earlyStopping(row.options);
    const model = fakeModel();
    await drive(cb, model, row.values, row.monitor);
    assert.equal(cb.stoppedEpoch, row.stoppedEpoch, JSON.stringify(row));
    assert.equal(model.stopTraining, row.stoppedEpoch > 0, JSON.stringify(row));
  }
});

test('earlyStopping with restoreBestWeights puts back a copy of the best epoch\'s weights', async () => {
  const cb = callbacks.earlyStopping({ patience: 1, restoreBestWeights: true });
  const model = fakeModel();
  cb.setModel(model);
  await cb.onTrainBegin();
  const valLoss = [1, 0.5, 0.7, 0.9];
  for (const [epoch, value] of valLoss.entries()) {
    model.weights[0].dispose();
    model.weights = [tf.scalar(epoch * 10)]; // the "training" of this epoch
    await cb.onEpochEnd(epoch, { val_loss: value });
    if (model.stopTraining) break;
  }
  await cb.onTrainEnd();
  assert.equal(cb.stoppedEpoch, 2);
  assert.equal(cb.restoredEpoch, 1);
  assert.equal(model.weights[0].dataSync()[0], 10);
});

test('learningRateScheduler sets schedule(epoch, lr) at each epoch begin and logs lr', async () => {
  const cb = callbacks.learningRateScheduler((epoch, lr) => (epoch < 2 ? lr : lr * 0.5));
  const model = fakeModel(tf.train.momentum(0.2, 0.9));
  cb.setModel(model);
  await cb.onTrainBegin();
  const logged: number[] = [];
  for (let epoch = 0; epoch < 4; epoch++) {
    await cb.onEpochBegin(epoch);
    const logs: Record<string, number> = { loss: 1 };
    await cb.onEpochEnd(epoch, logs);
    logged.push(logs.lr);
  }
  assert.deepEqual(logged, [0.2, 0.2, 0.1, 0.05]);
  const bad = callbacks.learningRateScheduler(() => NaN);
  bad.setModel(fakeModel());
  await assert.rejects(bad.onEpochBegin(3), /returned NaN for epoch 3/);
});
