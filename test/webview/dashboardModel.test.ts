// The dashboard's state as the host's messages change it, and the state it saves for a reload
// (plain node: no browser needed for these rules).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPageState } from '../../src/host/webviews/pageState';
import type { Run } from '../../src/protocol/run';
import { DashboardModel } from '../../src/webview/dashboard/model';
import { makeRun, overfittingFinding } from './runFixtures';

const init = (runs: Run[], selected: string[] = []) => ({ type: 'init' as const, notebook: 'nb', runs, findings: {}, checklist: [], selected });

test('with nothing selected the newest run is shown; a new fit replaces a single selection', () => {
  const model = new DashboardModel();
  model.apply(init([makeRun({ id: 'a' }), makeRun({ id: 'b' })]));
  assert.deepEqual(model.selected, ['b']);
  assert.equal(model.apply({ type: 'runStarted', run: makeRun({ id: 'c', status: 'running' }) }), 'runs');
  assert.deepEqual(model.selected, ['c']);
});

test('while comparing several runs, a new fit joins the overlay', () => {
  const model = new DashboardModel();
  model.apply(init([makeRun({ id: 'a' }), makeRun({ id: 'b' })], ['a', 'b']));
  model.apply({ type: 'runStarted', run: makeRun({ id: 'c', status: 'running' }) });
  assert.deepEqual(model.selected, ['a', 'b', 'c']);
});

test('deltas grow the run; only a delta of a shown run asks for a redraw; the end brings findings', () => {
  const model = new DashboardModel();
  const running = { ...makeRun({ id: 'r', epochs: 0 }), status: 'running' as const };
  model.apply(init([makeRun({ id: 'old' }), running], ['r']));
  const delta = { runId: 'r', epochs: [0], history: { loss: [0.5], val_loss: [0.6] }, batches: { epoch: [0], loss: [0.5], lr: [0.01] } };
  assert.equal(model.apply({ type: 'runDelta', delta }), 'data');
  assert.deepEqual(model.runs[1].history.loss, [0.5]);
  assert.equal(model.apply({ type: 'runDelta', delta: { ...delta, runId: 'old' } }), 'none');
  assert.equal(model.apply({ type: 'runDelta', delta: { ...delta, runId: 'gone' } }), 'none');
  model.apply({ type: 'runEnded', runId: 'r', status: 'stopped', stopReason: 'EarlyStopping at epoch 7', findings: [overfittingFinding(3)] });
  assert.equal(model.runs[1].status, 'stopped');
  assert.equal(model.findings.r[0].id, 'overfitting');
});

test('after a reload the saved selection comes back when the host has none, and stale ids are dropped', () => {
  const model = new DashboardModel({ notebook: 'nb', selected: ['a', 'deleted'] });
  model.apply(init([makeRun({ id: 'a' }), makeRun({ id: 'b' })]));
  assert.deepEqual(model.selected, ['a']);
  const other = new DashboardModel({ notebook: 'another notebook', selected: ['a'] });
  other.apply(init([makeRun({ id: 'a' }), makeRun({ id: 'b' })]));
  assert.deepEqual(other.selected, ['b'], 'a selection saved for another notebook does not apply');
});

test('the page state VS Code hands back is read as untrusted input', () => {
  assert.deepEqual(readPageState({ notebook: 'file:///a.tfnb', selected: ['x', 3, null, 'y'] }), { notebook: 'file:///a.tfnb', selected: ['x', 'y'] });
  assert.deepEqual(readPageState('garbage'), { notebook: null, selected: [] });
  assert.deepEqual(readPageState({ notebook: 5, selected: 'x' }), { notebook: null, selected: [] });
});
