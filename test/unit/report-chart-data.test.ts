// The pure chart data every view draws (dashboard, notebook renderer, report, SVG image).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decimateMinMax, type Point } from '../../src/webview/shared/decimate';
import { runMarkers } from '../../src/webview/shared/markers';
import { describeModel } from '../../src/webview/shared/modelSummary';
import { runName, runRow } from '../../src/webview/shared/runTable';
import { buildChartSpecs } from '../../src/webview/shared/chartSpecs';
import { chartSummary } from '../../src/webview/shared/chartSummary';
import { LIGHT_PALETTE } from '../../src/report/svg';
import { buildRunSeries } from '../../src/webview/shared/series';
import { smoothEma } from '../../src/webview/shared/smoothing';
import { makeRun, overfittingFinding } from '../webview/runFixtures';

test('losses pair val_loss with loss; accuracy gets its own group; lr is not a metric', () => {
  const series = buildRunSeries(makeRun({ epochs: 5 }));
  assert.deepEqual(series.losses.map((s) => [s.key, s.role]), [['loss', 'train'], ['val_loss', 'val']]);
  assert.deepEqual(series.metrics.map((m) => [m.base, m.series.map((s) => s.key)]), [['acc', ['acc', 'val_acc']]]);
  assert.deepEqual(series.losses[0].points.map((p) => p.x), [0, 1, 2, 3, 4]);
});

test('per-batch points fill their epoch from its point to the next; lr follows the batches', () => {
  const series = buildRunSeries(makeRun({ epochs: 2, batchesPerEpoch: 4 }));
  assert.deepEqual(series.batchLoss.map((p) => p.x), [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75]);
  assert.equal(series.lr.length, 8);
});

test('batches of the epoch still running keep the spacing of finished epochs', () => {
  const run = makeRun({ epochs: 2, batchesPerEpoch: 4 });
  run.epochs.pop();
  for (const k of Object.keys(run.history)) run.history[k].pop();
  run.batches.epoch.splice(6);
  run.batches.loss.splice(6);
  run.batches.lr.splice(6);
  assert.deepEqual(buildRunSeries(run).batchLoss.map((p) => p.x), [0, 0.25, 0.5, 0.75, 1, 1.25]);
});

test('NaN losses become gaps and non-positive learning rates are dropped from the log chart', () => {
  const run = makeRun({ epochs: 3 });
  run.history.loss[1] = null;
  run.batches.lr[0] = 0;
  const series = buildRunSeries(run);
  assert.equal(series.losses[0].points[1].y, null);
  assert.equal(series.lr[0].y, null);
});

test('markers: best epoch is the lowest val_loss, onset comes from the overfitting finding', () => {
  const run = makeRun({ epochs: 20, turn: 7 });
  const markers = runMarkers(run, [overfittingFinding(8)]);
  assert.deepEqual(markers.map((m) => [m.kind, m.epoch, m.x]), [['best', 7, 7], ['onset', 8, 8]]);
  assert.match(markers[1].detail, /overfitting/);
});

test('markers: EarlyStopping restored epoch wins over the minimum', () => {
  const run = makeRun({ epochs: 20, turn: 7 });
  run.restoredEpoch = 5;
  assert.equal(runMarkers(run, [])[0].epoch, 5);
});

test('min-max decimation keeps spikes and ends, and shrinks 10,000 points to the width', () => {
  const points: Point[] = Array.from({ length: 10_000 }, (_, i) => ({ x: i, y: Math.sin(i / 50) }));
  points[4321] = { x: 4321, y: 99 };
  const drawn = decimateMinMax(points, 500);
  assert.ok(drawn.length <= 2000, `drew ${drawn.length}`);
  assert.ok(drawn.some((p) => p.y === 99), 'the spike survives');
  assert.deepEqual([drawn[0], drawn[drawn.length - 1]], [points[0], points[9999]]);
  assert.equal(points.length, 10_000, 'the data is untouched');
  assert.equal(decimateMinMax(points.slice(0, 100), 500).length, 100);
});

test('EMA smoothing: weight 0 is identity, heavier weight flattens noise, gaps stay gaps', () => {
  const noisy: Point[] = Array.from({ length: 200 }, (_, i) => ({ x: i, y: 1 + (i % 2 ? 0.5 : -0.5) }));
  noisy[10] = { x: 10, y: null };
  assert.deepEqual(smoothEma(noisy, 0), noisy);
  const smooth = smoothEma(noisy, 0.9);
  const spread = (ps: Point[]) => Math.max(...ps.slice(100).map((p) => p.y ?? 1)) - Math.min(...ps.slice(100).map((p) => p.y ?? 1));
  assert.ok(spread(smooth) < spread(noisy) / 5);
  assert.equal(smooth[10].y, null);
});

test('a model in one line names hidden widths and regularization', () => {
  const run = makeRun();
  run.model.layers[0].kernelRegularizer = { kind: 'l2', l1: 0, l2: 0.001 };
  run.model.layers.splice(1, 0, { name: 'dropout_1', className: 'Dropout', rate: 0.5, params: 0, outputShape: [null, 16] });
  assert.equal(describeModel(run.model), '16-16 · L2 0.001 · Dropout 0.5');
});

test('run table row: best val_loss with its drawn epoch, finals and status', () => {
  const row = runRow(makeRun({ epochs: 20, turn: 7, status: 'stopped' }));
  assert.equal(row.bestEpoch, 7);
  assert.equal(row.epochs, 20);
  assert.equal(row.status, 'stopped');
  assert.ok(row.finalValLoss !== null && row.bestValLoss !== null && row.finalValLoss > row.bestValLoss);
});

test('overlaid runs of the same model stay apart: numbered names, one colour per run, onsets only', () => {
  const runs = [makeRun({ id: 'a', label: '16-16' }), makeRun({ id: 'b', label: '16-16' })];
  const entries = runs.map((run) => ({ run, findings: [overfittingFinding(8)], name: runName(runs, run.id) }));
  const [loss] = buildChartSpecs(entries, { smoothing: 0, palette: LIGHT_PALETTE });
  assert.deepEqual(loss.datasets.map((d) => [d.label, d.color, d.dashed]), [
    ['#1 16-16: loss', LIGHT_PALETTE.series[0], false], ['#1 16-16: val_loss', LIGHT_PALETTE.series[0], true],
    ['#2 16-16: loss', LIGHT_PALETTE.series[1], false], ['#2 16-16: val_loss', LIGHT_PALETTE.series[1], true],
  ]);
  assert.deepEqual(loss.markers.map((m) => [m.kind, m.label]), [['onset', '#1 16-16: overfitting from epoch 8'], ['onset', '#2 16-16: overfitting from epoch 8']]);
  assert.equal(runName(runs, 'missing'), 'missing');
});

test('each chart reads out in words for screen readers: last values and markers', () => {
  const [loss, , lr] = buildChartSpecs([{ run: makeRun({ epochs: 20, turn: 7 }), findings: [overfittingFinding(8)] }], { smoothing: 0, palette: LIGHT_PALETTE });
  assert.match(chartSummary(loss), /^Loss chart; loss 0\.\d+ at epoch 19, val_loss 0\.\d+ at epoch 19; best: epoch 7; overfitting from epoch 8$/);
  assert.match(chartSummary(lr), /^Learning rate chart \(log scale\); learning rate 0\.001 at epoch 19\.88$/);
});
