// Streamed output: bursts become few messages without reordering, output is bounded per cell, and
// the words a user reads when a kernel ends.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { MAX_STREAM_CHARS, StreamCoalescer, type StreamName } from '../../src/kernel/output';
import { describeExit, StderrTail } from '../../src/kernel-client/kernelExit';

function collector() {
  const sent: [StreamName, string][] = [];
  const streams = new StreamCoalescer((name, text) => sent.push([name, text]));
  return { sent, streams };
}

test('the first write goes out at once; a burst right after is joined into one message', () => {
  const { sent, streams } = collector();
  streams.write('stdout', 'first\n');
  assert.deepEqual(sent, [['stdout', 'first\n']]);
  for (let i = 0; i < 1000; i++) streams.write('stdout', `${i}\n`);
  streams.flush();
  assert.ok(sent.length < 20, `1000 writes became ${sent.length} messages`);
  assert.equal(sent.map(([, text]) => text).join(''), 'first\n' + Array.from({ length: 1000 }, (_, i) => `${i}\n`).join(''));
});

test('switching between stdout and stderr keeps the order of what was printed', () => {
  const { sent, streams } = collector();
  streams.write('stdout', 'a');
  streams.write('stdout', 'b');
  streams.write('stderr', 'c');
  streams.write('stdout', 'd');
  streams.flush();
  assert.deepEqual(sent, [
    ['stdout', 'a'],
    ['stdout', 'b'],
    ['stderr', 'c'],
    ['stdout', 'd'],
  ]);
});

test('a pending burst is sent by a short timer even if nothing else is printed', async () => {
  const { sent, streams } = collector();
  streams.write('stdout', 'one');
  streams.write('stdout', 'two');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual(sent, [
    ['stdout', 'one'],
    ['stdout', 'two'],
  ]);
});

test('a cell that prints without end is cut at the limit, with one note saying so', () => {
  const { sent, streams } = collector();
  const line = 'x'.repeat(999) + '\n';
  for (let i = 0; i < 3000; i++) streams.write('stdout', line);
  streams.flush();
  const all = sent.map(([, text]) => text).join('');
  assert.ok(all.length < MAX_STREAM_CHARS + 200, `sent ${all.length} characters`);
  assert.match(all, /… \(output truncated: this cell printed more than 2,000,000 characters; the rest is not shown\)\n$/);
  assert.equal(all.match(/output truncated/g)?.length, 1);
});

test('kernel exits are described in words a user can act on', () => {
  const quiet = new StderrTail();
  assert.equal(describeExit(3, null, quiet), 'exit code 3');
  assert.equal(describeExit(null, 'SIGSEGV', quiet), 'killed by SIGSEGV');
  assert.match(describeExit(null, 'SIGKILL', quiet), /possibly out of memory/);
  const oom = new StderrTail();
  oom.add('<--- Last few GCs --->\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n');
  assert.equal(describeExit(null, 'SIGABRT', oom), 'out of memory: the JavaScript heap exceeded its limit');
});

test('the stderr tail stays bounded and gives its last lines', () => {
  const tail = new StderrTail(100);
  for (let i = 0; i < 50; i++) tail.add(`line ${i}\n`);
  assert.ok(tail.value.length <= 100);
  assert.equal(tail.lastLines(2), '\nline 48\nline 49');
});
