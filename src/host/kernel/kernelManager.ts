/**
 * One kernel per notebook, started lazily on the notebook's first run and shut down when the
 * notebook closes. Pure (no vscode): the kernel factory and the settings come in as functions,
 * so the tests drive it with fake kernels.
 *
 * Restart replaces the client with a new one built from the current settings, so a changed
 * backend or memory limit takes effect on restart.
 */
import type { ExecuteOptions, ExecutionOutcome, KernelClientOptions } from '../../kernel-client/kernelClient';
import type { ExecutionEvent, KernelReady } from '../../protocol/kernel';
import type { FitlabSettings } from '../settings';
import type { KernelStatus, KernelStateName } from './statusText';

/** src/kernel-client's KernelClient as the host uses it (tests pass a fake with the same surface). */
export type KernelOptions = KernelClientOptions;
export type KernelOutcome = ExecutionOutcome;

export interface Kernel {
  readonly state: KernelStateName;
  readonly info: KernelReady | undefined;
  onDidChangeState(listener: (state: KernelStateName, info: KernelReady | undefined) => void): () => void;
  start(): Promise<KernelReady>;
  execute(options: ExecuteOptions, onEvent: (event: ExecutionEvent) => void): Promise<ExecutionOutcome>;
  interrupt(): void;
  dispose(): void;
}

export type KernelFactory = (options: KernelOptions) => Kernel;

interface Session {
  kernel: Kernel;
  unsubscribe: () => void;
  /** Execution order numbers restart at 1 with each kernel session, like Jupyter's. */
  executionCount: number;
  bannerShown: boolean;
  ready?: Promise<KernelReady>;
  training?: KernelStatus['training'];
  pending: number;
}

export class KernelManager {
  private readonly sessions = new Map<string, Session>();
  private readonly listeners = new Set<(notebook: string) => void>();

  constructor(
    private readonly factory: KernelFactory,
    private readonly settings: () => FitlabSettings,
    private readonly kernelEntry: string,
  ) {}

  onDidChange(listener: (notebook: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  has(notebook: string): boolean {
    return this.sessions.has(notebook);
  }

  /**
   * The notebook's kernel, started if needed (a dead kernel is replaced by a new one).
   * `banner` is set on the first call of a kernel session: the host shows it above that cell's outputs.
   */
  async ensureStarted(notebook: string, notebookDir: string): Promise<{ kernel: Kernel; info: KernelReady; banner: boolean }> {
    const { session, info } = await this.startSession(notebook, notebookDir);
    const banner = !session.bannerShown;
    session.bannerShown = true;
    return { kernel: session.kernel, info, banner };
  }

  /** The next execution order number of the notebook's current kernel session. */
  nextExecutionOrder(notebook: string): number {
    const session = this.sessions.get(notebook);
    return session ? ++session.executionCount : 1;
  }

  status(notebook: string): KernelStatus {
    const session = this.sessions.get(notebook);
    const preference = this.settings().backend;
    if (!session) return { state: 'stopped', backend: undefined, preference };
    const info = session.kernel.info;
    return {
      state: session.kernel.state,
      backend: info?.backend,
      preference,
      tfVersion: info?.tfVersion,
      notes: info?.notes,
      training: session.training,
      pending: session.pending,
    };
  }

  /** The running fit's progress (undefined when it ended), shown by the status bar. */
  setTraining(notebook: string, training: KernelStatus['training']): void {
    const session = this.sessions.get(notebook);
    if (!session) return;
    session.training = training;
    this.emit(notebook);
  }

  setPending(notebook: string, pending: number): void {
    const session = this.sessions.get(notebook);
    if (!session || session.pending === pending) return;
    session.pending = pending;
    this.emit(notebook);
  }

  /** Asks the running cell to stop (a fit stops at its next batch). False when nothing runs. */
  interrupt(notebook: string): boolean {
    const session = this.sessions.get(notebook);
    if (!session || session.kernel.state !== 'busy') return false;
    session.kernel.interrupt();
    return true;
  }

  /** A fresh kernel with the current settings: every variable and model of the old one is gone. */
  async restart(notebook: string, notebookDir: string): Promise<KernelReady> {
    this.shutdown(notebook);
    // The banner stays due: the first cell of the new session shows it.
    return (await this.startSession(notebook, notebookDir)).info;
  }

  shutdown(notebook: string): void {
    const session = this.sessions.get(notebook);
    if (!session) return;
    this.sessions.delete(notebook);
    session.unsubscribe();
    session.kernel.dispose();
    this.emit(notebook);
  }

  dispose(): void {
    for (const notebook of [...this.sessions.keys()]) this.shutdown(notebook);
    this.listeners.clear();
  }

  private async startSession(notebook: string, notebookDir: string): Promise<{ session: Session; info: KernelReady }> {
    let session = this.sessions.get(notebook);
    if (session && session.kernel.state === 'dead') {
      this.shutdown(notebook);
      session = undefined;
    }
    session ??= this.create(notebook, notebookDir);
    // One start per session, however many cells wait for it.
    session.ready ??= session.kernel.start();
    try {
      return { session, info: await session.ready };
    } catch (error) {
      // A kernel that failed to start is dropped: the next run tries a new one.
      if (this.sessions.get(notebook) === session) this.shutdown(notebook);
      throw error;
    }
  }

  private create(notebook: string, notebookDir: string): Session {
    const settings = this.settings();
    const kernel = this.factory({
      kernelEntry: this.kernelEntry,
      backend: settings.backend,
      notebookDir,
      recordBatches: settings.recordBatches,
      memoryLimitMb: settings.memoryLimitMb,
    });
    const session: Session = { kernel, unsubscribe: () => undefined, executionCount: 0, bannerShown: false, pending: 0 };
    session.unsubscribe = kernel.onDidChangeState((state) => {
      if (state !== 'busy') session.training = undefined;
      this.emit(notebook);
    });
    this.sessions.set(notebook, session);
    this.emit(notebook);
    return session;
  }

  private emit(notebook: string): void {
    for (const listener of this.listeners) listener(notebook);
  }
}
