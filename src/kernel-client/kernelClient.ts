/**
 * The host side of the kernel: forks dist/kernel.js as a child process (so a native crash or an
 * out-of-memory can never take down VS Code's extension host or the CLI), speaks the protocol of
 * src/protocol/kernel.ts over Node's IPC channel, runs executions one at a time in call order,
 * escalates an interrupt the cell ignores to a kill, and reports a kernel death in the running
 * execution's outcome. No vscode: used by the VS Code host and the CLI alike.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { DisplayItem } from '../protocol/display';
import type { BackendPreference, CellError, ExecutionEvent, HostToKernel, KernelReady, KernelToHost } from '../protocol/kernel';
import { describeExit, KERNEL_RESTARTED_MESSAGE, NOT_YIELDING_MESSAGE, StderrTail } from './kernelExit';

const DISPOSED_MESSAGE = 'The kernel was shut down (its notebook was closed); run the cell again from an open notebook.';

export type KernelState = 'stopped' | 'starting' | 'idle' | 'busy' | 'dead';

export interface KernelClientOptions {
  /** Absolute path of dist/kernel.js. */
  kernelEntry: string;
  backend: BackendPreference;
  notebookDir: string;
  /** Record per-batch loss and learning rate in runs (default true). */
  recordBatches?: boolean;
  /** --max-old-space-size for the kernel process. */
  memoryLimitMb?: number;
  /** How long a cell may ignore an interrupt before the kernel is killed (default 3000). */
  interruptGraceMs?: number;
  /** The Node binary (default process.execPath; fork adds ELECTRON_RUN_AS_NODE=1 for Electron). */
  nodePath?: string;
}

export interface ExecuteOptions {
  code: string;
  cellIndex: number;
  notebook: string;
}

export type ExecutionOutcome = { ok: true; result: DisplayItem[] } | { ok: false; error: CellError; kernelDied?: boolean };

interface Pending {
  id: string;
  /** True once the execute message went to the kernel (before that, the kernel is still starting). */
  sent?: boolean;
  options: ExecuteOptions;
  onEvent: (event: ExecutionEvent) => void;
  resolve: (outcome: ExecutionOutcome) => void;
}

/** One running kernel process and what is waiting on it. */
interface Process {
  child: ChildProcess;
  ready: Promise<KernelReady>;
  stderr: StderrTail;
  /** Set when we killed it on purpose (restart, dispose, interrupt escalation). */
  killedBecause?: 'restart' | 'dispose' | 'interrupt';
}

export class KernelClient {
  private readonly options: Required<Omit<KernelClientOptions, 'memoryLimitMb'>> & { memoryLimitMb?: number };
  private stateValue: KernelState = 'stopped';
  private infoValue: KernelReady | undefined;
  private readonly listeners = new Set<(state: KernelState, info: KernelReady | undefined) => void>();
  private process: Process | undefined;
  private readonly queue: Pending[] = [];
  private running: Pending | undefined;
  private interruptTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(options: KernelClientOptions) {
    this.options = {
      recordBatches: true,
      interruptGraceMs: 3000,
      nodePath: process.execPath,
      ...options,
    };
  }

  get state(): KernelState {
    return this.stateValue;
  }

  get info(): KernelReady | undefined {
    return this.infoValue;
  }

  /** The kernel process id while one runs (for diagnostics and tests). */
  get pid(): number | undefined {
    return this.process?.child.pid;
  }

  onDidChangeState(listener: (state: KernelState, info: KernelReady | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the kernel process if none is running; resolves when tfjs is loaded. Idempotent. */
  start(): Promise<KernelReady> {
    if (this.disposed) return Promise.reject(new Error(DISPOSED_MESSAGE));
    return (this.process ??= this.spawn()).ready;
  }

  /** Runs one cell. Executions are queued and run one at a time, in call order. */
  execute(options: ExecuteOptions, onEvent: (event: ExecutionEvent) => void): Promise<ExecutionOutcome> {
    if (this.disposed) return Promise.resolve({ ok: false, error: { name: 'KernelDisposed', message: DISPOSED_MESSAGE } });
    return new Promise((resolve) => {
      this.queue.push({ id: `exec-${this.nextId++}`, options, onEvent, resolve });
      this.pump();
    });
  }

  /** Interrupts the current execution; if it does not end within the grace period, kills the kernel. */
  interrupt(): void {
    const running = this.running;
    const current = this.process;
    if (!running || !current || this.interruptTimer) return;
    if (!running.sent) {
      // The kernel is still starting: the cell never ran, so there is nothing to stop or kill.
      this.finish(running, { ok: false, error: { name: 'Interrupted', message: 'Interrupted before the cell started.', interrupted: true } });
      this.pump();
      return;
    }
    this.post(current, { type: 'interrupt' });
    current.child.stdin?.write('i');
    this.interruptTimer = setTimeout(() => {
      this.interruptTimer = undefined;
      if (this.running !== running || this.process !== current) return;
      current.killedBecause = 'interrupt';
      this.finish(running, { ok: false, kernelDied: true, error: { name: 'KernelStopped', message: NOT_YIELDING_MESSAGE, interrupted: true } });
      this.kill(current);
      this.setState('dead');
    }, this.options.interruptGraceMs);
  }

  /** Kills the kernel now; queued and running executions fail with "kernel restarted"; the next execute starts afresh. */
  async restart(): Promise<void> {
    this.stop('restart');
  }

  /** Kills the kernel process and fails whatever was waiting. Leaves no orphan process. */
  dispose(): void {
    this.stop('dispose');
    this.disposed = true;
    this.listeners.clear();
  }

  // ------------------------------------------------------------------ internals

  private stop(reason: 'restart' | 'dispose'): void {
    const current = this.process;
    const waiting = [...(this.running ? [this.running] : []), ...this.queue.splice(0)];
    for (const pending of waiting) {
      this.finish(pending, { ok: false, error: { name: 'KernelRestarted', message: reason === 'restart' ? KERNEL_RESTARTED_MESSAGE : 'The kernel was shut down before this cell finished.' } });
    }
    if (current) {
      current.killedBecause = reason;
      this.kill(current);
    }
    this.infoValue = undefined;
    this.setState('stopped');
  }

  private spawn(): Process {
    const { kernelEntry, nodePath, memoryLimitMb, notebookDir } = this.options;
    const child = fork(kernelEntry, [], {
      execPath: nodePath,
      execArgv: memoryLimitMb ? [`--max-old-space-size=${memoryLimitMb}`] : [],
      // Relative paths in cells (readFileSync('data.csv')) resolve from the notebook's folder.
      cwd: notebookDir && existsSync(notebookDir) ? notebookDir : undefined,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      // stdin carries interrupts to a busy kernel (see src/kernel/interruptChannel.ts).
      stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
    });
    const stderr = new StderrTail();
    let resolveReady!: (ready: KernelReady) => void;
    let rejectReady!: (error: Error) => void;
    const ready = new Promise<KernelReady>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    // A start failure is reported through execute's outcome too; don't let it be an unhandled rejection.
    ready.catch(() => undefined);
    const proc: Process = { child, ready, stderr };
    this.setState('starting');

    child.stdin?.on('error', () => undefined);
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    // Output the kernel printed outside the protocol (a native library, a late timer) belongs to
    // whatever runs now; with nothing running it is only kept to explain a crash.
    child.stdout?.on('data', (text: string) => this.forwardRaw(proc, 'stdout', text));
    child.stderr?.on('data', (text: string) => {
      stderr.add(text);
      this.forwardRaw(proc, 'stderr', text);
    });
    child.on('message', (message: KernelToHost) => {
      if (this.process !== proc) return;
      if (message.type === 'ready') {
        this.infoValue = message;
        this.setState(this.running ? 'busy' : 'idle');
        resolveReady(message);
        this.pump();
      } else {
        this.onKernelMessage(message);
      }
    });
    child.on('error', (error) => {
      rejectReady(new Error(`The kernel process could not start: ${error.message}`));
      if (this.process === proc) this.process = undefined;
    });
    child.on('exit', (code, signal) => {
      // Its last stderr (an OOM report, a stack) may still be in the pipe: wait for the pipes to
      // close, but not long (a process the kernel started may hold them open).
      let handled = false;
      const handle = () => {
        if (handled) return;
        handled = true;
        rejectReady(new Error(`The kernel exited before it was ready (${describeExit(code, signal, stderr, this.options.memoryLimitMb)}).${stderr.lastLines(5)}`));
        this.onExit(proc, code, signal);
      };
      child.once('close', handle);
      setTimeout(handle, 300).unref();
    });
    this.post(proc, { type: 'start', backend: this.options.backend, notebookDir, recordBatches: this.options.recordBatches });
    return proc;
  }

  private onKernelMessage(message: Exclude<KernelToHost, KernelReady>): void {
    const running = this.running;
    if (!running || message.id !== running.id) return;
    if (message.type === 'done') {
      this.finish(running, message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error });
      this.setState('idle');
      this.pump();
      return;
    }
    running.onEvent(message);
  }

  private onExit(proc: Process, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.process !== proc) return;
    const wasReady = this.infoValue !== undefined;
    this.process = undefined;
    this.infoValue = undefined;
    if (proc.killedBecause) return;
    const running = this.running;
    if (running) {
      const how = describeExit(code, signal, proc.stderr, this.options.memoryLimitMb);
      const message = wasReady
        ? `The kernel died while running this cell (${how}); all kernel state was lost — the next run starts a fresh kernel.`
        : `The kernel could not start (${how}).`;
      this.finish(running, { ok: false, kernelDied: true, error: { name: 'KernelDied', message, stack: `${message}${proc.stderr.lastLines(5)}` } });
    }
    this.setState('dead');
    this.pump();
  }

  /** Sends the next queued execution once the kernel is ready and idle. */
  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const next = this.queue.shift()!;
    this.running = next;
    const proc = this.process ?? (this.process = this.spawn());
    this.setState(this.infoValue ? 'busy' : 'starting');
    proc.ready.then(
      () => {
        if (this.running !== next || this.process !== proc) return;
        this.setState('busy');
        next.sent = true;
        const { code, cellIndex, notebook } = next.options;
        this.post(proc, { type: 'execute', id: next.id, code, cellIndex, notebook });
      },
      (error: Error) => {
        if (this.running !== next) return;
        this.finish(next, { ok: false, kernelDied: true, error: { name: 'KernelStartFailed', message: error.message } });
        this.pump();
      },
    );
  }

  private finish(pending: Pending, outcome: ExecutionOutcome): void {
    if (this.running === pending) {
      this.running = undefined;
      if (this.interruptTimer) clearTimeout(this.interruptTimer);
      this.interruptTimer = undefined;
    }
    pending.resolve(outcome);
  }

  private forwardRaw(proc: Process, name: 'stdout' | 'stderr', text: string): void {
    const running = this.running;
    if (running && this.process === proc && this.stateValue === 'busy') running.onEvent({ type: 'stream', id: running.id, name, text });
  }

  private post(proc: Process, message: HostToKernel): void {
    if (proc.child.connected) proc.child.send(message);
  }

  private kill(proc: Process): void {
    if (this.process === proc) this.process = undefined;
    proc.child.kill('SIGKILL');
  }

  private setState(state: KernelState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    for (const listener of this.listeners) listener(state, this.infoValue);
  }
}
