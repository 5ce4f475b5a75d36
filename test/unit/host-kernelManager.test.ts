import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { KernelManager, type Kernel, type KernelOptions } from '../../src/host/kernel/kernelManager';
import { readSettings, type FitlabSettings } from '../../src/host/settings';
import type { KernelReady } from '../../src/protocol/kernel';
import type { KernelStateName } from '../../src/host/kernel/statusText';

/** A stand-in for src/kernel-client's KernelClient with the same observable states. */
class FakeKernel implements Kernel {
  state: KernelStateName = 'stopped';
  info: KernelReady | undefined;
  starts = 0;
  interrupts = 0;
  disposed = false;
  private listeners = new Set<(s: KernelStateName, i: KernelReady | undefined) => void>();
  constructor(readonly options: KernelOptions, private readonly failStart = false) {}
  onDidChangeState(listener: (s: KernelStateName, i: KernelReady | undefined) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(state: KernelStateName) {
    this.state = state;
    for (const l of this.listeners) l(state, this.info);
  }
  async start() {
    this.starts++;
    this.set('starting');
    await new Promise((r) => setImmediate(r));
    if (this.failStart) {
      this.set('dead');
      throw new Error('tfjs failed to load');
    }
    this.info = { type: 'ready', backend: this.options.backend === 'cpu' ? 'cpu' : 'wasm', tfVersion: '4.22.0', notes: [] };
    this.set('idle');
    return this.info;
  }
  async execute() {
    return { ok: true as const, result: [] };
  }
  interrupt() {
    this.interrupts++;
  }
  dispose() {
    this.disposed = true;
    this.set('stopped');
  }
}

function setup(overrides: Partial<FitlabSettings> = {}, failFirst = false) {
  const kernels: FakeKernel[] = [];
  let settings = { ...readSettings(() => undefined), ...overrides };
  const manager = new KernelManager((options) => {
    const kernel = new FakeKernel(options, failFirst && kernels.length === 0);
    kernels.push(kernel);
    return kernel;
  }, () => settings, '/ext/dist/kernel.js');
  return { manager, kernels, setSettings: (s: Partial<FitlabSettings>) => (settings = { ...settings, ...s }) };
}

test('a notebook gets one kernel, started once even when cells ask concurrently, with the settings', async () => {
  const { manager, kernels } = setup({ backend: 'wasm', memoryLimitMb: 2048, recordBatches: false });
  const [a, b] = await Promise.all([manager.ensureStarted('nb1', '/work'), manager.ensureStarted('nb1', '/work')]);
  assert.equal(kernels.length, 1);
  assert.equal(kernels[0].starts, 1);
  assert.equal(a.kernel, b.kernel);
  assert.deepEqual(kernels[0].options, { kernelEntry: '/ext/dist/kernel.js', backend: 'wasm', notebookDir: '/work', recordBatches: false, memoryLimitMb: 2048 });
  assert.equal([a.banner, b.banner].filter(Boolean).length, 1, 'the banner shows once per kernel session');
  await manager.ensureStarted('nb2', '/other');
  assert.equal(kernels.length, 2, 'each notebook has its own kernel');
});

test('execution order counts per kernel session and restarts at 1 after a restart with new settings', async () => {
  const { manager, kernels, setSettings } = setup();
  await manager.ensureStarted('nb', '/w');
  assert.equal(manager.nextExecutionOrder('nb'), 1);
  assert.equal(manager.nextExecutionOrder('nb'), 2);
  setSettings({ backend: 'cpu' });
  const info = await manager.restart('nb', '/w');
  assert.equal(kernels[0].disposed, true);
  assert.equal(info.backend, 'cpu');
  assert.equal(manager.nextExecutionOrder('nb'), 1);
  assert.equal((await manager.ensureStarted('nb', '/w')).banner, true, 'the first cell after a restart shows the new kernel\'s banner');
});

test('a dead kernel is replaced by a new one on the next run; a failed start is not cached', async () => {
  const { manager, kernels } = setup({}, true);
  await assert.rejects(manager.ensureStarted('nb', '/w'), /tfjs failed to load/);
  assert.equal(manager.has('nb'), false);
  const { kernel } = await manager.ensureStarted('nb', '/w');
  assert.equal(kernels.length, 2);
  (kernel as FakeKernel).set('dead');
  await manager.ensureStarted('nb', '/w');
  assert.equal(kernels.length, 3);
  assert.equal(kernels[1].disposed, true);
});

test('status reports state, backend and training progress; interrupt only reaches a busy kernel', async () => {
  const { manager, kernels } = setup();
  assert.equal(manager.status('nb').state, 'stopped');
  const changes: string[] = [];
  manager.onDidChange((nb) => changes.push(nb));
  await manager.ensureStarted('nb', '/w');
  assert.equal(manager.interrupt('nb'), false);
  kernels[0].set('busy');
  manager.setTraining('nb', { epoch: 4, epochs: 10, label: 'big' });
  assert.deepEqual(manager.status('nb').training, { epoch: 4, epochs: 10, label: 'big' });
  assert.equal(manager.status('nb').backend, 'wasm');
  assert.equal(manager.interrupt('nb'), true);
  assert.equal(kernels[0].interrupts, 1);
  kernels[0].set('idle');
  assert.equal(manager.status('nb').training, undefined, 'progress clears when the kernel goes idle');
  assert.ok(changes.length >= 4);
  manager.shutdown('nb');
  assert.equal(kernels[0].disposed, true);
  assert.equal(manager.status('nb').state, 'stopped');
});
