import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose } from '../../src/diagnostics';
import { historyToRun } from '../../src/diagnostics/historyFile';
import { activationProblem } from '../../src/diagnostics/rules/model';
import type { LayerSummary, Run } from '../../src/protocol/run';

function dense(name: string, units: number, activation: string, extra: Partial<LayerSummary> = {}): LayerSummary {
  return { name, className: 'Dense', units, activation, params: units * 10, outputShape: [null, units], ...extra };
}

/** A healthy, still-learning binary classifier over scaled inputs; tests change one thing. */
function binaryRun(changes: (run: Run) => void = () => {}): Run {
  const loss = [0.69, 0.5, 0.4, 0.35, 0.32, 0.3, 0.29, 0.28];
  const run = historyToRun({ loss, val_loss: loss.map((v) => v + 0.02), acc: loss.map((v) => 1 - v), val_acc: loss.map((v) => 0.98 - v) }, 'binary');
  run.loss = 'binaryCrossentropy';
  run.model = { layers: [dense('dense_1', 16, 'relu'), dense('dense_2', 1, 'sigmoid')], totalParams: 177, trainableParams: 177, inputShape: [null, 10] };
  run.data = {
    inputs: { samples: 800, features: 10, min: -3.1, max: 3.4, meanOfMeans: 0.01, maxAbsMean: 0.05, maxStd: 1.02, firstFeatures: [[-3.1, 3.4, 0.01]] },
    labels: { kind: 'binary', classBalance: [0.5, 0.5] },
    validation: { source: 'validationSplit', samples: 200 },
  };
  changes(run);
  return run;
}

const ids = (run: Run) => diagnose(run).map((f) => f.id);

test('a healthy binary classifier has no model or data findings', () => {
  const found = ids(binaryRun()).filter((id) => id !== 'still-improving');
  assert.deepEqual(found, []);
});

test('loss/activation mismatches: sigmoid + categorical, softmax over one unit, linear + binary', () => {
  assert.match(activationProblem('categoricalcrossentropy', 3, 'sigmoid')!, /sigmoid with categoricalCrossentropy/);
  assert.match(activationProblem('binarycrossentropy', 1, 'softmax')!, /softmax over one unit/);
  assert.match(activationProblem('binarycrossentropy', 1, 'linear')!, /use sigmoid/);
  assert.match(activationProblem('sparsecategoricalcrossentropy', 4, 'relu')!, /use softmax/);
  assert.equal(activationProblem('binarycrossentropy', 1, 'sigmoid'), null);
  assert.equal(activationProblem('categoricalcrossentropy', 4, 'softmax'), null);
  assert.equal(activationProblem('meansquarederror', 1, 'linear'), null);
});

test('the mismatch finding is an error on the compile call naming the output layer', () => {
  const finding = diagnose(binaryRun((r) => { r.loss = 'categoricalCrossentropy'; })).find((f) => f.id === 'loss-activation-mismatch')!;
  assert.equal(finding.severity, 'error');
  assert.equal(finding.target, 'compile');
  assert.equal(finding.layer, 'dense_2');
  assert.match(finding.message, /dense_2: sigmoid with categoricalCrossentropy/);
});

test('unscaled inputs are named with their range and the worst feature', () => {
  const finding = diagnose(binaryRun((r) => { r.data.inputs = { ...r.data.inputs, min: 0, max: 255, maxAbsMean: 120, firstFeatures: [[0, 1, 0.5], [0, 255, 120]] }; })).find((f) => f.id === 'inputs-not-scaled')!;
  assert.match(finding.message, /range from 0 to 255, largest feature mean 120; feature 1 spans 0 to 255/);
  assert.match(finding.actions.join(' '), /Standardize/);
});

test('class imbalance recommends precision/recall/AUC over accuracy', () => {
  const finding = diagnose(binaryRun((r) => { r.data.labels.classBalance = [0.95, 0.05]; })).find((f) => f.id === 'class-imbalance')!;
  assert.match(finding.message, /class 1 is 5% of the samples, class 0 95%/);
  assert.match(finding.actions[0]!, /precision, recall and AUC instead of accuracy/);
});

test('dropout rates outside 0.2–0.5 and L2 factors outside 1e-5–0.1 get hints; usual ones do not', () => {
  const run = binaryRun((r) => {
    r.model.layers = [
      dense('dense_1', 16, 'relu', { kernelRegularizer: { kind: 'l2', l1: 0, l2: 0.5 } }),
      { name: 'dropout_1', className: 'Dropout', rate: 0.8, params: 0, outputShape: [null, 16] },
      dense('dense_2', 8, 'relu', { kernelRegularizer: { kind: 'l2', l1: 0, l2: 0.001 } }),
      { name: 'dropout_2', className: 'Dropout', rate: 0.3, params: 0, outputShape: [null, 8] },
      dense('dense_3', 1, 'sigmoid'),
    ];
  });
  const findings = diagnose(run);
  assert.deepEqual(findings.filter((f) => f.id === 'dropout-rate').map((f) => f.layer), ['dropout_1']);
  assert.deepEqual(findings.filter((f) => f.id === 'regularization-strength').map((f) => f.layer), ['dense_1']);
});

test('no better than the baseline: val_loss at the entropy of a 70/30 prior', () => {
  const run = binaryRun((r) => {
    r.data.labels.classBalance = [0.7, 0.3];
    r.history.loss = [0.62, 0.61, 0.61, 0.61, 0.61, 0.61];
    r.history.val_loss = [0.62, 0.615, 0.612, 0.611, 0.611, 0.611];
    r.epochs = [0, 1, 2, 3, 4, 5];
  });
  const finding = diagnose(run).find((f) => f.id === 'no-better-than-baseline')!;
  assert.match(finding.message, /best val_loss 0\.611 is no better than the baseline 0\.611 of predicting the class prior \(majority class 70%\)/);
});

test('an overfitting model without regularization gets "no regularization" on its hidden Dense layers', () => {
  const run = binaryRun((r) => {
    r.history.loss = [0.69, 0.5, 0.4, 0.3, 0.2, 0.15, 0.1, 0.07, 0.05, 0.04];
    r.history.val_loss = [0.7, 0.55, 0.48, 0.5, 0.56, 0.62, 0.7, 0.8, 0.9, 1.0];
    r.epochs = r.history.loss.map((_, i) => i);
  });
  const findings = diagnose(run);
  assert.ok(findings.some((f) => f.id === 'overfitting'));
  const hints = findings.filter((f) => f.id === 'no-regularization');
  assert.deepEqual(hints.map((f) => [f.layer, f.target, f.epoch]), [['dense_1', 'layer', 2]]);
});

test('findings are ordered errors first', () => {
  const severities = diagnose(binaryRun((r) => { r.loss = 'categoricalCrossentropy'; r.data.labels.classBalance = [0.95, 0.05]; })).map((f) => f.severity);
  assert.deepEqual(severities, [...severities].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)));
});
