import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ExecutionQueue, type QueuedCell } from '../../src/host/notebook/executionQueue';

/** A cell that records when it ran or was cancelled, and succeeds or fails as told. */
function cell(name: string, log: string[], ok = true, gate?: Promise<void>): QueuedCell {
  return {
    run: async () => {
      log.push(`run ${name}`);
      await gate;
      log.push(`end ${name}`);
      return ok;
    },
    cancel: () => log.push(`cancel ${name}`),
  };
}

test('cells run one at a time in queue order, across separate enqueues', async () => {
  const log: string[] = [];
  const queue = new ExecutionQueue();
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const first = queue.enqueue([cell('a', log, true, gate), cell('b', log)]);
  const second = queue.enqueue([cell('c', log)]);
  assert.equal(queue.busy, true);
  await Promise.resolve();
  assert.deepEqual(log, ['run a'], 'b must wait for a');
  open();
  await Promise.all([first, second]);
  assert.deepEqual(log, ['run a', 'end a', 'run b', 'end b', 'run c', 'end c']);
  assert.equal(queue.busy, false);
});

test('a failed cell cancels every cell still waiting (Run All stops at the error)', async () => {
  const log: string[] = [];
  const queue = new ExecutionQueue();
  await queue.enqueue([cell('a', log), cell('b', log, false), cell('c', log), cell('d', log)]);
  assert.deepEqual(log, ['run a', 'end a', 'run b', 'end b', 'cancel c', 'cancel d']);
});

test('a cell that throws counts as failed', async () => {
  const log: string[] = [];
  const queue = new ExecutionQueue();
  const throwing: QueuedCell = { run: () => Promise.reject(new Error('boom')), cancel: () => log.push('cancel x') };
  await queue.enqueue([throwing, cell('b', log)]);
  assert.deepEqual(log, ['cancel b']);
});

test('cancelPending drops waiting cells but leaves the running one, and the queue works afterwards', async () => {
  const log: string[] = [];
  const queue = new ExecutionQueue();
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const done = queue.enqueue([cell('a', log, true, gate), cell('b', log), cell('c', log)]);
  await Promise.resolve();
  assert.equal(queue.pending, 2);
  assert.equal(queue.cancelPending(), 2);
  open();
  await done;
  assert.deepEqual(log, ['run a', 'cancel b', 'cancel c', 'end a']);
  await queue.enqueue([cell('d', log)]);
  assert.deepEqual(log.slice(-2), ['run d', 'end d']);
});
