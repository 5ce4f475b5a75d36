import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readSettings } from '../../src/host/settings';
import { readNotebookFitlab, writeNotebookFitlab, readFitlabMetadata } from '../../src/host/notebook/fitlabMetadata';
import { isTypeScriptJupyter } from '../../src/host/notebook/jupyterLanguage';
import { safeDiagnose } from '../../src/host/safeDiagnose';
import { sampleRun } from './host-sampleRun';

test('settings fall back to their defaults when missing or of the wrong type', () => {
  assert.deepEqual(readSettings(() => undefined), {
    backend: 'auto',
    memoryLimitMb: 4096,
    recordBatches: true,
    diagnosticsEnabled: true,
    overfittingRise: 0.05,
    openDashboardOnFirstFit: true,
  });
  const values: Record<string, unknown> = { backend: 'gpu', 'kernel.memoryLimitMb': -5, 'training.recordBatches': 'yes', 'diagnostics.overfittingRise': 0.25 };
  const settings = readSettings((key) => values[key]);
  assert.equal(settings.backend, 'auto');
  assert.equal(settings.memoryLimitMb, 4096);
  assert.equal(settings.recordBatches, true);
  assert.equal(settings.overfittingRise, 0.25);
  assert.equal(readSettings((key) => (key === 'backend' ? 'wasm' : undefined)).backend, 'wasm');
});

test('fitlab metadata: runs and ticks are read, junk entries skipped and counted', () => {
  const run = sampleRun({ status: 'completed' });
  const read = readFitlabMetadata({ fitlab: { runs: [run, { id: 3 }, 'x'], checklist: { 'define-problem': true, 'not-a-step': true, 'scale-up': 'yes' } } });
  assert.deepEqual(read.fitlab.runs.map((r) => r.id), ['run-1']);
  assert.equal(read.skippedRuns, 2);
  assert.deepEqual(read.fitlab.checklist, { 'define-problem': true });
  assert.deepEqual(readFitlabMetadata(undefined), { fitlab: { runs: [], checklist: {} }, skippedRuns: 0 });
});

test('fitlab metadata is written where each notebook type saves it, keeping everything else', () => {
  const fitlab = { runs: [sampleRun()], checklist: { 'beat-baseline': true as const } };
  const tfnb = writeNotebookFitlab({ other: 1 }, 'fitlab-notebook', fitlab);
  assert.deepEqual(Object.keys(tfnb), ['other', 'fitlab']);
  assert.equal(readNotebookFitlab(tfnb, 'fitlab-notebook').fitlab.runs.length, 1);

  // Older VS Code ipynb serializer: the file's metadata sits under custom.metadata.
  const older = writeNotebookFitlab({ custom: { metadata: { kernelspec: { name: 'tslab' } }, nbformat: 4 } }, 'jupyter-notebook', fitlab);
  assert.deepEqual(older, { custom: { metadata: { kernelspec: { name: 'tslab' }, fitlab: { runs: fitlab.runs, checklist: fitlab.checklist } }, nbformat: 4 } });
  assert.deepEqual(readNotebookFitlab(older, 'jupyter-notebook').fitlab.checklist, { 'beat-baseline': true });

  // Newer serializer: under metadata.
  const newer = writeNotebookFitlab({ metadata: { language_info: { name: 'typescript' } } }, 'jupyter-notebook', fitlab);
  assert.deepEqual(Object.keys(newer.metadata as object), ['language_info', 'fitlab']);
});

test('a Jupyter notebook counts as TypeScript by its kernelspec or language_info, in either metadata layout', () => {
  assert.equal(isTypeScriptJupyter({ custom: { metadata: { kernelspec: { language: 'typescript', name: 'tslab' } } } }), true);
  assert.equal(isTypeScriptJupyter({ metadata: { language_info: { name: 'TypeScript' } } }), true);
  assert.equal(isTypeScriptJupyter({ metadata: { kernelspec: { language: 'python' } } }), false);
  assert.equal(isTypeScriptJupyter(undefined), false);
});

test('a diagnose that throws yields no findings and is reported, so the run still ends', () => {
  const reports: string[] = [];
  const diagnoseRun = safeDiagnose(() => {
    throw new RangeError('Invalid array length');
  }, (message) => reports.push(message));
  assert.deepEqual(diagnoseRun(sampleRun({ label: 'long', epochs: [0, 1] })), []);
  assert.deepEqual(reports, ['Fitlab: diagnosing run "long" (2 epochs) failed, so it shows no findings: RangeError: Invalid array length']);
  const fine = safeDiagnose(() => [{ id: 'overfitting', severity: 'warning', epoch: 1, message: 'm', actions: [] }], () => assert.fail('not reported'));
  assert.equal(fine(sampleRun()).length, 1);
});
