// The data statistics every run records (read by the diagnostics' "unscaled inputs" and label hints):
// right on narrow data, bounded in cost on wide data, merged across the inputs of a multi-input model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { featureStats, mergeFeatureStats, statsRows } from '../../src/training/recorder/dataStats';

test('statistics read every row of narrow data, and a bounded number of evenly spaced rows of wide data', () => {
  assert.equal(statsRows(1000, 20), 1000, 'a small tabular set is read whole');
  assert.equal(statsRows(50_000, 20), 4096, 'a long narrow set: 4096 evenly spaced rows');
  assert.equal(statsRows(25_000, 10_000), 256, 'an IMDB-style multi-hot set: 256 rows, not 4096 x 10000 values');
  // 1000 rows x 5000 features where row r holds the value r in every feature: a strided read still
  // spans the whole range and the full sample count is reported.
  const samples = 1000, features = 5000;
  const data = new Float32Array(samples * features);
  for (let r = 0; r < samples; r++) data.fill(r, r * features, (r + 1) * features);
  const stats = featureStats(data, samples, features);
  assert.deepEqual([stats.samples, stats.features, stats.min], [1000, 5000, 0]);
  assert.ok(stats.max >= 995, `max ${stats.max} comes from the last rows`);
  assert.ok(Math.abs(stats.meanOfMeans - 499.5) < 5, `mean ${stats.meanOfMeans} is the mean of evenly spaced rows`);
});

test('the inputs of a two-input model are summarised side by side', () => {
  const a = featureStats(Float32Array.of(0, 1, 2, 3), 2, 2); // features [0, 2] and [1, 3]
  const b = featureStats(Float32Array.of(-10, 10), 2, 1);
  const merged = mergeFeatureStats([a, b]);
  assert.deepEqual([merged.samples, merged.features, merged.min, merged.max], [2, 3, -10, 10]);
  assert.deepEqual(merged.firstFeatures, [[0, 2, 1], [1, 3, 2], [-10, 10, 0]]);
  assert.equal(merged.meanOfMeans, 1);
});
