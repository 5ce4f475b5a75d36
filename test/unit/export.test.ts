import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportFileStem, historyToCsv, runToJson } from '../../src/runs/export';
import { makeRun } from '../webview/runFixtures';

test('CSV has Keras CSVLogger columns: epoch first, then the logged keys sorted', () => {
  const csv = historyToCsv(makeRun({ epochs: 3 }));
  const [header, first] = csv.split('\n');
  assert.equal(header, 'epoch,acc,loss,lr,val_acc,val_loss');
  assert.equal(first.split(',')[0], '0');
  assert.equal(csv.trimEnd().split('\n').length, 4);
});

test('CSV writes a NaN epoch as "nan" and a key an epoch never logged as "NA"', () => {
  const run = makeRun({ epochs: 3, withAccuracy: false });
  run.history.loss[1] = null;
  run.history.extra = [1.5];
  const rows = historyToCsv(run).trimEnd().split('\n').map((r) => r.split(','));
  assert.deepEqual(rows[0], ['epoch', 'extra', 'loss', 'lr', 'val_loss']);
  assert.equal(rows[1][1], '1.5');
  assert.equal(rows[2][2], 'nan');
  assert.equal(rows[2][1], 'NA');
});

test('CSV values round-trip to the same numbers', () => {
  const run = makeRun({ epochs: 5 });
  const rows = historyToCsv(run).trimEnd().split('\n').slice(1);
  rows.forEach((row, i) => assert.equal(Number(row.split(',')[2]), run.history.loss[i]));
});

test('JSON export parses back to the same run', () => {
  const run = makeRun({ epochs: 4 });
  assert.deepEqual(JSON.parse(runToJson(run)), run);
});

test('export file names are safe and keep the label readable', () => {
  assert.equal(exportFileStem({ id: 'run-3', label: '16-16 · L2 0.001 · Dropout 0.5' }), 'run-3-16-16-L2-0.001-Dropout-0.5');
  assert.equal(exportFileStem({ id: '', label: '/// ' }), 'run');
});
