// How cell values look: real tfjs tensors, models and histories, plain values, and bounded output.
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { formatValue, MAX_OUTPUT_CHARS } from '../../src/kernel/display';

before(async () => {
  await tf.setBackend('cpu');
});

function text(value: unknown): string {
  const items = formatValue(value);
  assert.equal(items.length, 1);
  assert.equal(items[0]!.mime, 'text/plain');
  return String(items[0]!.value);
}

test('undefined shows nothing', () => {
  assert.deepEqual(formatValue(undefined), []);
});

test('a tensor shows dtype, shape and values; a big one is elided by tfjs, a disposed one says so', () => {
  assert.equal(text(tf.tensor2d([[1, 2], [3, 4]], undefined, 'int32')), 'Tensor int32 [2,2]\n[[1, 2],\n [3, 4]]');
  const big = text(tf.zeros([100, 100]));
  assert.match(big, /^Tensor float32 \[100,100\]\n\[\[0, 0, 0, \.\.\., 0, 0, 0\],/);
  assert.ok(big.length < 1000, `a 10,000-value tensor printed ${big.length} characters`);
  const gone = tf.ones([3]);
  gone.dispose();
  assert.equal(text(gone), 'Tensor float32 [3] (disposed)');
});

test('a model shows the Keras-style summary table with totals', () => {
  const model = tf.sequential({ name: 'net', layers: [tf.layers.dense({ units: 4, inputShape: [3], name: 'hidden' }), tf.layers.dropout({ rate: 0.5 }), tf.layers.dense({ units: 1, name: 'out' })] });
  const summary = text(model);
  assert.match(summary, /^Model: "net"\n/);
  assert.match(summary, /Layer \(type\) +.*Output shape +Param #/);
  assert.match(summary, /hidden \(Dense\) +.*\[null,4\] +16/);
  assert.match(summary, /Total params: 21\nTrainable params: 21\nNon-trainable params: 0/);
});

test('an unbuilt model says it has no summary yet instead of failing', () => {
  const model = tf.sequential({ name: 'empty' });
  assert.match(text(model), /^Model: "empty"\n\(no summary yet: /);
});

test('a History shows its per-epoch values, and long ones are shortened in the middle', async () => {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  const history = await model.fit(tf.ones([4, 1]), tf.ones([4, 1]), { epochs: 2, verbose: 0 });
  assert.match(text(history), /^History: 2 epochs\n {2}loss: \[[\d.]+, [\d.]+\]$/);
  const long = text({ epoch: Array.from({ length: 50 }, (_, i) => i), history: { loss: Array.from({ length: 50 }, (_, i) => i) } });
  assert.equal(long, 'History: 50 epochs\n  loss: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49]');
});

test('plain values print like Node, with long arrays and strings bounded', () => {
  assert.equal(text({ a: [1, 2], s: 'x' }), "{ a: [ 1, 2 ], s: 'x' }");
  assert.match(text(Array.from({ length: 1000 }, () => 0)), /\.\.\. 900 more items/);
  const huge = text(Array.from({ length: 100 }, () => 'y'.repeat(5000)));
  assert.ok(huge.length <= MAX_OUTPUT_CHARS + 200);
  assert.match(huge, /… \(output truncated: \d+ more characters\)$/);
});

test('a ready-made output passes through as is, unless its value is not JSON', () => {
  assert.deepEqual(formatValue({ mime: 'text/html', value: '<b>x</b>' }), [{ mime: 'text/html', value: '<b>x</b>' }]);
  assert.equal(text({ mime: 'application/json', value: 10n }), "{ mime: 'application/json', value: 10n }");
});
