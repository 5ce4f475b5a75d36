// Changing the learning rate must change the actual updates, on every tfjs optimizer.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOptimizers, getLearningRate, optimizerName, setLearningRate } from '../../src/training/optimizers';
import { cosineDecay } from '../../src/training/schedules';

/** The change one update with gradient 1 makes to a variable at 1. */
function firstStep(optimizer: tf.Optimizer): number {
  const v = tf.variable(tf.scalar(1));
  optimizer.applyGradients([{ name: v.name, tensor: tf.scalar(1) }]);
  const step = 1 - v.dataSync()[0];
  v.dispose();
  return step;
}

const makers: [string, (lr: number) => tf.Optimizer][] = [
  ['sgd', (lr) => tf.train.sgd(lr)],
  ['momentum', (lr) => tf.train.momentum(lr, 0.9)],
  ['adam', (lr) => tf.train.adam(lr)],
  ['rmsprop', (lr) => tf.train.rmsprop(lr)],
  ['adagrad', (lr) => tf.train.adagrad(lr)],
  ['adamax', (lr) => tf.train.adamax(lr)],
  ['adadelta', (lr) => tf.train.adadelta(lr)],
];

test('setLearningRate changes the update size on every tfjs optimizer (sgd and momentum included)', () => {
  for (const [name, make] of makers) {
    const reference = firstStep(make(0.001));
    const changed = make(0.1);
    setLearningRate(changed, 0.001);
    assert.equal(getLearningRate(changed), 0.001, name);
    const step = firstStep(changed);
    assert.ok(Math.abs(step - reference) <= 1e-6 * Math.max(1e-6, Math.abs(reference)) + 1e-9, `${name}: step ${step} after setting 0.001, ${reference} when built with 0.001`);
    assert.equal(optimizerName(changed), name);
  }
});

test('the optimizer factories take Keras default rates or a schedule, which starts them at schedule(0)', () => {
  const optimizers = createOptimizers(tf);
  assert.equal(getLearningRate(optimizers.adam()), 0.001);
  assert.equal(getLearningRate(optimizers.sgd()), 0.01);
  assert.equal(optimizerName(optimizers.sgd({ momentum: 0.9 })), 'momentum');
  assert.equal(getLearningRate(optimizers.rmsprop({ learningRate: 0.01 })), 0.01);
  const schedule = cosineDecay({ initialLearningRate: 0.5, decaySteps: 10 });
  assert.equal(getLearningRate(optimizers.adamax({ learningRate: schedule })), 0.5);
  assert.throws(() => optimizers.adagrad({ learningRate: -1 }), /learningRate must be .*>= 0, got -1/);
});
