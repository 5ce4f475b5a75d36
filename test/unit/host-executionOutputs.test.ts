import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ExecutionOutputs, type OutputOp } from '../../src/host/notebook/executionOutputs';
import { ERROR_MIME, RUN_MIME } from '../../src/protocol/display';
import { STDERR_MIME, STDOUT_MIME } from '../../src/notebook-format/types';
import type { RunOutput } from '../../src/protocol/webview';
import { sampleRun } from './host-sampleRun';

/** Replays ops into the outputs a user would see: one array of items per output. */
function render(ops: OutputOp[]): { mime: string; value: unknown }[][] {
  const outputs = new Map<number, { mime: string; value: unknown }[]>();
  for (const op of ops) {
    if (op.op === 'append') outputs.set(op.key, [...op.items]);
    else if (op.op === 'appendItems') outputs.get(op.key)!.push(...op.items);
    else outputs.set(op.key, [...op.items]);
  }
  return [...outputs.values()];
}

test('consecutive writes to one stream coalesce into one output; another output breaks the run', () => {
  const out = new ExecutionOutputs();
  const ops = [
    ...out.stream('stdout', 'a\n'),
    ...out.stream('stdout', 'b\n'),
    ...out.stream('stderr', 'warn\n'),
    ...out.stream('stdout', 'c\n'),
    ...out.display({ mime: 'text/html', value: '<b>x</b>' }),
    ...out.stream('stdout', 'd\n'),
  ];
  assert.deepEqual(render(ops), [
    [{ mime: STDOUT_MIME, value: 'a\n' }, { mime: STDOUT_MIME, value: 'b\n' }],
    [{ mime: STDERR_MIME, value: 'warn\n' }],
    [{ mime: STDOUT_MIME, value: 'c\n' }],
    [{ mime: 'text/html', value: '<b>x</b>' }],
    [{ mime: STDOUT_MIME, value: 'd\n' }],
  ]);
});

test('a fit shows a run output and a progress line, both updated in place as epochs arrive', () => {
  const out = new ExecutionOutputs();
  const run = sampleRun();
  const snapshot = (): RunOutput => ({ run, findings: [] });
  const ops = [...out.runStarted(snapshot(), 'epoch 0/3')];
  run.epochs.push(0);
  run.history.loss = [0.9];
  ops.push(...out.runUpdated(snapshot(), 'epoch 1/3 · loss 0.9000'));
  ops.push(...out.stream('stdout', 'after\n'));
  const rendered = render(ops);
  assert.equal(rendered.length, 3, 'run output, progress line, stdout');
  assert.equal(rendered[0][0].mime, RUN_MIME);
  assert.deepEqual((rendered[0][0].value as RunOutput).run.history.loss, [0.9]);
  assert.deepEqual(rendered[1], [{ mime: 'text/plain', value: 'epoch 1/3 · loss 0.9000' }]);
});

test('a finished run carries a static image beside the Fitlab item when the notebook wants one (ipynb), and only then', () => {
  const run = sampleRun();
  const withImage = new ExecutionOutputs({ staticImage: (o) => ({ mime: 'image/svg+xml', value: `<svg>${o.run.id}</svg>` }) });
  withImage.runStarted({ run, findings: [] }, 'epoch 0/3');
  const progress = withImage.runUpdated({ run, findings: [] }, 'epoch 1/3');
  assert.deepEqual(progress[0].items.map((i) => i.mime), [RUN_MIME], 'no image while training');
  const ended = withImage.runEnded({ run, findings: [] }, 'completed');
  assert.deepEqual(ended[0].items.map((i) => i.mime), [RUN_MIME, 'image/svg+xml']);
  assert.equal(ended[0].items[1].value, `<svg>${run.id}</svg>`);

  const plain = new ExecutionOutputs();
  plain.runStarted({ run, findings: [] }, 'epoch 0/3');
  assert.deepEqual(plain.runEnded({ run, findings: [] }, 'completed')[0].items.map((i) => i.mime), [RUN_MIME]);
});

test('the run output is a snapshot without per-batch columns: later changes to the live run do not leak into it', () => {
  const out = new ExecutionOutputs();
  const run = sampleRun({ batches: { epoch: [0, 0], loss: [1, 0.9], lr: [0.01, 0.01] } });
  const [chart] = out.runStarted({ run, findings: [] }, 'epoch 0/3');
  run.epochs.push(0);
  const shown = (chart.items[0].value as unknown as RunOutput).run;
  assert.deepEqual(shown.epochs, []);
  assert.deepEqual(shown.batches, { epoch: [], loss: [], lr: [] });
  assert.equal(run.batches.loss.length, 2, 'the store\'s run keeps its batches');
});

test('result and error each get an output; the result is flagged as the cell value', () => {
  const out = new ExecutionOutputs();
  const result = out.result([{ mime: 'text/plain', value: '42' }, { mime: 'application/json', value: 42 }]);
  assert.equal(result.length, 1);
  assert.equal(result[0].op === 'append' && result[0].result, true);
  assert.deepEqual(out.result([]), []);
  const [error] = out.error({ name: 'TypeError', message: 'x is not a function', stack: '3:1: TypeError: x is not a function' });
  assert.deepEqual(error.items, [{ mime: ERROR_MIME, value: { name: 'TypeError', message: 'x is not a function', stack: '3:1: TypeError: x is not a function' } }]);
});
