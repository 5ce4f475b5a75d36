// Schedules and regularizers against Keras's formulas and defaults, driven directly (no fit); fit-line lookup.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cosineDecay, exponentialDecay, piecewiseConstant } from '../../src/training/schedules';
import { createRegularizers } from '../../src/training/regularizers';
import { findFitLine } from '../../src/training/recorder/fitLine';

const close = (actual: number, expected: number, message?: string): void => assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${message ?? ''} ${actual} != ${expected}`);

test('exponentialDecay follows initial * rate^(step/decaySteps), floored with staircase (Keras test values)', () => {
  const smooth = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.96 });
  const stairs = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.96, staircase: true });
  const cases: [number, number, number][] = [
    // step, smooth, staircase
    [0, 0.1, 0.1],
    [5, 0.1 * 0.96 ** 0.5, 0.1],
    [10, 0.1 * 0.96, 0.1 * 0.96],
    [15, 0.1 * 0.96 ** 1.5, 0.1 * 0.96],
    [25, 0.1 * 0.96 ** 2.5, 0.1 * 0.96 ** 2],
  ];
  for (const [step, expectedSmooth, expectedStairs] of cases) {
    close(smooth(step), expectedSmooth, `smooth step ${step}`);
    close(stairs(step), expectedStairs, `staircase step ${step}`);
  }
  assert.equal(stairs.scheduleName, 'exponentialDecay');
  assert.deepEqual(stairs.config, { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.96, staircase: true });
});

test('exponentialDecay refuses decaySteps <= 0 with the allowed range', () => {
  assert.throws(() => exponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.9 }), /decaySteps must be .*> 0.*got 0/);
});

test('piecewiseConstant keeps values[i] up to and including boundaries[i] (Keras rule)', () => {
  const schedule = piecewiseConstant({ boundaries: [100000, 110000], values: [1.0, 0.5, 0.1] });
  const cases: [number, number][] = [[0, 1.0], [100000, 1.0], [100001, 0.5], [110000, 0.5], [110001, 0.1], [10 ** 9, 0.1]];
  for (const [step, expected] of cases) assert.equal(schedule(step), expected, `step ${step}`);
  assert.throws(() => piecewiseConstant({ boundaries: [10], values: [1] }), /one more entry than boundaries/);
});

test('cosineDecay goes from the initial rate to alpha * initial over decaySteps, then stays', () => {
  const schedule = cosineDecay({ initialLearningRate: 2, decaySteps: 100, alpha: 0.1 });
  const expected = (step: number): number => 2 * (0.9 * 0.5 * (1 + Math.cos((Math.PI * Math.min(step, 100)) / 100)) + 0.1);
  for (const step of [0, 1, 25, 50, 99, 100, 250]) close(schedule(step), expected(step), `step ${step}`);
  close(schedule(0), 2);
  close(schedule(100), 0.2);
});

test('regularizers use Keras defaults: l1l2() adds nothing, l2() is 0.01, and apply(w) is the penalty without a 1/2', () => {
  const regularizers = createRegularizers(tf);
  const w = tf.tensor2d([[1, -2], [3, 0.5]]);
  const penalty = (r: ReturnType<typeof regularizers.l2>): number => r.apply(w).dataSync()[0];
  const sumAbs = 6.5;
  const sumSq = 1 + 4 + 9 + 0.25;
  assert.equal(penalty(regularizers.l1l2()), 0);
  assert.ok(Math.abs(penalty(regularizers.l2()) - 0.01 * sumSq) < 1e-6);
  assert.ok(Math.abs(penalty(regularizers.l2(0.001)) - 0.001 * sumSq) < 1e-6);
  assert.ok(Math.abs(penalty(regularizers.l1(0.1)) - 0.1 * sumAbs) < 1e-6);
  assert.ok(Math.abs(penalty(regularizers.l1l2({ l1: 0.1, l2: 0.2 })) - (0.1 * sumAbs + 0.2 * sumSq)) < 1e-5);
  // The trap this avoids: tfjs's own l1l2() with no arguments adds 0.01 + 0.01.
  assert.ok(tf.regularizers.l1l2().apply(w).dataSync()[0] > 0);
});

test('regularizers refuse negative or non-finite strengths, naming the argument', () => {
  const regularizers = createRegularizers(tf);
  assert.throws(() => regularizers.l2(-0.1), /l2 strength must be .*>= 0.*got -0.1/);
  assert.throws(() => regularizers.l1(NaN), /l1 strength must be a finite number/);
  assert.throws(() => regularizers.l1l2({ l2: Infinity }), /l2 must be a finite number/);
});

test('findFitLine maps the k-th fit of a cell to the line of its k-th fit call, counting round', () => {
  const code = 'const a = build();\nawait a.fit(x, y);\n// again\nconst h = await b\n  .fit(x, y, {epochs: 2});';
  assert.deepEqual([0, 1, 2, 3].map((k) => findFitLine(code, k)), [2, 5, 2, 5]);
  assert.equal(findFitLine('const x = 1;', 0), undefined);
});
