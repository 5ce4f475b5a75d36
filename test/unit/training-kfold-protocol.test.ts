// fitlab.kfold tags every run its folds record with Run.protocol, so the checklist can see K-fold.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deriveChecklist, diagnose } from '../../src/diagnostics';
import type { Finding } from '../../src/protocol/findings';
import type { Run } from '../../src/protocol/run';
import { binaryData, recordingFitlab, smallModel, useBackend } from './training-fixtures';

test('kfold records each fold as a run tagged with k, fold, repeats and repeat; a later plain fit is untagged', async () => {
  await useBackend('cpu');
  const { fitlab, recorded } = recordingFitlab({ code: 'const r = await fitlab.kfold({k: 2, repeats: 2, build, x, y});' });
  const { x, y } = binaryData(40, 3);
  const build = (): tf.LayersModel => smallModel(fitlab, 3);
  await fitlab.kfold({ k: 2, repeats: 2, seed: 3, build, x, y, fitArgs: { epochs: 2, batchSize: 10 } });

  assert.deepEqual(recorded.started.map((r) => r.protocol), [
    { kind: 'kfold', k: 2, fold: 0, repeats: 2, repeat: 0 },
    { kind: 'kfold', k: 2, fold: 1, repeats: 2, repeat: 0 },
    { kind: 'kfold', k: 2, fold: 0, repeats: 2, repeat: 1 },
    { kind: 'kfold', k: 2, fold: 1, repeats: 2, repeat: 1 },
  ]);
  assert.deepEqual(recorded.started.map((r) => r.label), ['8 · L2 0.001 · repeat 1/2 fold 1/2', '8 · L2 0.001 · repeat 1/2 fold 2/2', '8 · L2 0.001 · repeat 2/2 fold 1/2', '8 · L2 0.001 · repeat 2/2 fold 2/2']);
  // The protocol survives the JSON the kernel sends to the editor.
  assert.deepEqual((JSON.parse(JSON.stringify(recorded.started[3])) as Run).protocol, { kind: 'kfold', k: 2, fold: 1, repeats: 2, repeat: 1 });

  // A fold whose fit throws still clears the protocol: the next plain fit is not a fold.
  await assert.rejects(fitlab.kfold({ k: 2, build, x, y, fit: () => Promise.reject(new Error('boom in fold')) }), /boom in fold/);
  const model = build();
  await model.fit(x, y, { epochs: 1, batchSize: 10, validationSplit: 0.25 });
  const plain = recorded.started.at(-1)!;
  assert.equal(plain.protocol, undefined);
  assert.equal('protocol' in plain, false);
  model.dispose();
  tf.dispose([x, y]);
});

test('checklist step 3 is done from a real kfold alone, with K-fold evidence rather than "validation data"', async () => {
  await useBackend('cpu');
  const { fitlab, recorded } = recordingFitlab({ code: 'const r = await fitlab.kfold({k: 3, build, x, y});' });
  const { x, y } = binaryData(30, 3);
  await fitlab.kfold({ k: 3, build: () => smallModel(fitlab, 3), x, y, fitArgs: { epochs: 2, batchSize: 10 } });
  tf.dispose([x, y]);
  const runs = recorded.started.map((run) => ({ ...run, status: 'completed' as const }));
  const findings: Record<string, Finding[]> = Object.fromEntries(runs.map((r) => [r.id, diagnose(r)]));
  const step = deriveChecklist(runs, {}, findings).find((s) => s.id === 'evaluation-protocol')!;
  assert.equal(step.status, 'done');
  assert.equal(step.evidence, 'K-fold (k=3) in run #1 (8 · L2 0.001 · fold 1/3)');
});
