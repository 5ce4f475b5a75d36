import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deriveChecklist, diagnose } from '../../src/diagnostics';
import { historyToRun } from '../../src/diagnostics/historyFile';
import type { Finding } from '../../src/protocol/findings';
import type { Run } from '../../src/protocol/run';

function classifier(id: string, loss: number[], valLoss: number[] | null, changes: (run: Run) => void = () => {}): Run {
  const run = historyToRun(valLoss ? { loss, val_loss: valLoss } : { loss }, id);
  run.label = `run ${id}`;
  run.loss = 'binaryCrossentropy';
  run.model = { layers: [{ name: 'dense_1', className: 'Dense', units: 64, activation: 'relu', params: 704, outputShape: [null, 64] }, { name: 'dense_2', className: 'Dense', units: 1, activation: 'sigmoid', params: 65, outputShape: [null, 1] }], totalParams: 769, trainableParams: 769, inputShape: [null, 10] };
  run.data = {
    inputs: { samples: 500, features: 10, min: -2.5, max: 2.7, meanOfMeans: 0, maxAbsMean: 0.1, maxStd: 1, firstFeatures: [] },
    labels: { kind: 'binary', classBalance: [0.5, 0.5] },
    validation: { source: valLoss ? 'validationSplit' : 'none', samples: valLoss ? 100 : 0 },
  };
  if (valLoss) run.params.validationSplit = 0.2;
  changes(run);
  return run;
}

const findingsOf = (runs: Run[]): Record<string, Finding[]> => Object.fromEntries(runs.map((r) => [r.id, diagnose(r)]));
const statuses = (runs: Run[], ticks = {}) => Object.fromEntries(deriveChecklist(runs, ticks, findingsOf(runs)).map((s) => [s.id, s.status]));

const overfitLoss = [0.69, 0.5, 0.4, 0.3, 0.2, 0.15, 0.1, 0.07, 0.05, 0.04];
const overfitVal = [0.68, 0.55, 0.48, 0.5, 0.56, 0.62, 0.7, 0.8, 0.9, 1.0];

test('no runs: seven steps in order, all to do, each with a why; 1 and 2 are manual', () => {
  const steps = deriveChecklist([], {}, {});
  assert.deepEqual(steps.map((s) => s.number), [1, 2, 3, 4, 5, 6, 7]);
  assert.ok(steps.every((s) => s.status === 'todo' && s.why.length > 20));
  assert.deepEqual(steps.filter((s) => !s.derived).map((s) => s.id), ['define-problem', 'success-metric']);
});

test('manual ticks mark steps done by hand', () => {
  const s = statuses([], { 'define-problem': true, 'success-metric': false, 'beat-baseline': true });
  assert.equal(s['define-problem'], 'manual-done');
  assert.equal(s['success-metric'], 'todo');
  assert.equal(s['beat-baseline'], 'manual-done');
});

test('a fit with validation and scaled inputs that beats the baseline completes steps 3, 4 and 5 with evidence', () => {
  const runs = [classifier('a', [0.69, 0.5, 0.4, 0.35], [0.69, 0.52, 0.45, 0.4])];
  const steps = deriveChecklist(runs, {}, findingsOf(runs));
  const byId = Object.fromEntries(steps.map((s) => [s.id, s]));
  assert.equal(byId['evaluation-protocol']!.status, 'done');
  assert.match(byId['evaluation-protocol']!.evidence!, /run a validated on validationSplit 0\.2/);
  assert.equal(byId['prepare-data']!.status, 'done');
  assert.equal(byId['beat-baseline']!.status, 'done');
  assert.match(byId['beat-baseline']!.evidence!, /best val_loss 0\.4 < baseline 0\.693/);
  assert.equal(byId['scale-up']!.status, 'todo');
});

test('without validation data or with unscaled inputs, steps 3 and 4 stay to do', () => {
  const runs = [classifier('a', [0.69, 0.6, 0.5], null, (r) => { r.data.inputs.max = 255; r.data.inputs.maxAbsMean = 100; })];
  const s = statuses(runs);
  assert.equal(s['evaluation-protocol'], 'todo');
  assert.equal(s['prepare-data'], 'todo');
});

test('step 3 names K-fold (k and repeats) when only kfold fold runs exist, not their per-fold validation data', () => {
  const fold = (id: string, foldIndex: number, repeat: number) => classifier(id, [0.69, 0.5, 0.4], [0.69, 0.52, 0.45], (r) => {
    r.data.validation = { source: 'validationData', samples: 125 };
    delete r.params.validationSplit;
    r.protocol = { kind: 'kfold', k: 4, fold: foldIndex, repeats: 2, repeat };
  });
  const runs = [0, 1].flatMap((repeat) => [0, 1, 2, 3].map((f) => fold(`r${repeat}f${f}`, f, repeat)));
  const step = deriveChecklist(runs, {}, findingsOf(runs)).find((s) => s.id === 'evaluation-protocol')!;
  assert.equal(step.status, 'done');
  assert.equal(step.evidence, 'K-fold (k=4, 2 repeats) in run #1 (run r0f0)');
  // A hold-out fit earlier in the notebook keeps step 3 done, and the K-fold runs still name the protocol.
  const mixed = [classifier('hold', [0.69, 0.5], [0.69, 0.55]), classifier('plain', [0.69, 0.5], null), ...runs.slice(0, 4).map((r) => ({ ...r, protocol: { ...r.protocol!, repeats: 1 } }))];
  const evidence = deriveChecklist(mixed, {}, findingsOf(mixed)).find((s) => s.id === 'evaluation-protocol')!.evidence;
  assert.equal(evidence, 'K-fold (k=4) in run #3 (run r0f0)');
});

test('a run at the class-prior loss does not beat the baseline', () => {
  const runs = [classifier('a', [0.7, 0.695, 0.694], [0.7, 0.696, 0.694])];
  assert.equal(statuses(runs)['beat-baseline'], 'todo');
});

test('step 6 when a run overfit; step 7 only when a later regularized run beats its best val_loss', () => {
  const big = classifier('big', overfitLoss, overfitVal);
  assert.equal(statuses([big])['scale-up'], 'done');
  assert.equal(statuses([big])['regularize-tune'], 'todo');
  const unregularizedBetter = classifier('plain', overfitLoss, overfitVal.map((v) => v - 0.1));
  assert.equal(statuses([big, unregularizedBetter])['regularize-tune'], 'todo');
  const regularizedWorse = classifier('drop-worse', overfitLoss, overfitVal.map((v) => v + 0.1), (r) => r.model.layers.splice(1, 0, { name: 'dropout_1', className: 'Dropout', rate: 0.5, params: 0, outputShape: [null, 64] }));
  assert.equal(statuses([big, regularizedWorse])['regularize-tune'], 'todo');
  const regularizedBetter = classifier('l2', [0.69, 0.5, 0.45, 0.42, 0.41], [0.68, 0.5, 0.44, 0.42, 0.41], (r) => { r.model.layers[0]!.kernelRegularizer = { kind: 'l2', l1: 0, l2: 0.001 }; });
  const steps = deriveChecklist([big, regularizedBetter], {}, findingsOf([big, regularizedBetter]));
  const step7 = steps.find((s) => s.id === 'regularize-tune')!;
  assert.equal(step7.status, 'done');
  assert.match(step7.evidence!, /run l2: best val_loss 0\.41 < 0\.48 of the overfitting run big/);
  // Order matters: the regularized run must come after the overfitting one.
  assert.equal(statuses([regularizedBetter, big])['regularize-tune'], 'todo');
});
