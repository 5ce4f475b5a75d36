// What the host sends the dashboard as a real RunStore changes (plain node: the decisions are
// pure; the panel only posts them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose } from '../../src/diagnostics/index';
import { feedFor, initFor } from '../../src/host/webviews/dashboardFeed';
import type { HostToDashboard } from '../../src/protocol/webview';
import { RunStore, type RunStoreChange } from '../../src/runs/runStore';
import { makeRun } from './runFixtures';

function recordingStore() {
  const store = new RunStore((run) => diagnose(run));
  const changes: RunStoreChange[] = [];
  store.onDidChange((c) => changes.push(c));
  return { store, changes };
}

const types = (action: ReturnType<typeof feedFor>) => (action.kind === 'post' ? action.messages.map((m: HostToDashboard) => m.type) : action.kind);

test('a fit in the shown notebook streams as runStarted, runDelta, then runEnded with findings and the new checklist', () => {
  const { store, changes } = recordingStore();
  const full = makeRun({ id: 'r', epochs: 20, turn: 5 });
  store.started('nb', { ...full, status: 'running', epochs: [], history: {}, batches: { epoch: [], loss: [], lr: [] } });
  store.progressed('nb', { runId: 'r', epochs: full.epochs, history: full.history, batches: full.batches });
  store.ended('nb', { runId: 'r', status: 'completed', endedAt: '2026-11-23T21:00:00Z' });
  const actions = changes.map((c) => feedFor(c, 'nb', store));
  assert.deepEqual(actions.map(types), [['runStarted'], ['runDelta'], ['runEnded', 'checklist']]);
  const ended = actions[2].kind === 'post' ? actions[2].messages[0] : undefined;
  assert.ok(ended?.type === 'runEnded' && ended.findings.length > 0, 'the findings the store computed travel with the end');
});

test('a fit starting in another notebook switches the dashboard there; its other changes are ignored', () => {
  const { store, changes } = recordingStore();
  store.started('other', makeRun({ id: 'x', status: 'running' }));
  store.setTick('other', 'define-problem', true);
  assert.deepEqual(changes.map((c) => feedFor(c, 'nb', store)), [{ kind: 'switch', notebook: 'other' }, { kind: 'none' }]);
});

test('loading a notebook re-sends init; init carries its runs, findings, checklist and only existing selected runs', () => {
  const { store, changes } = recordingStore();
  store.load('nb', [makeRun({ id: 'a' }), makeRun({ id: 'b' })], { 'define-problem': true });
  assert.deepEqual(feedFor(changes[0], 'nb', store), { kind: 'init' });
  const init = initFor(store, 'nb', ['b', 'deleted'], 0.6);
  assert.deepEqual(init.runs.map((r) => r.id), ['a', 'b']);
  assert.deepEqual(init.selected, ['b']);
  assert.equal(init.smoothing, 0.6);
  assert.deepEqual(Object.keys(init.findings), ['a', 'b']);
  assert.equal(init.checklist.find((s) => s.id === 'define-problem')?.status, 'manual-done');
  assert.deepEqual(initFor(store, null, ['a'], 0), { type: 'init', notebook: null, runs: [], findings: {}, checklist: [], selected: [], smoothing: 0 });
});
