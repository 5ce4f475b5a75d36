/**
 * One kernel's state and its executions: loads tfjs and the training engine at start, runs cells one
 * at a time, streams their output and runs as events of the executing request, and ends an
 * execution as interrupted when asked (a fit stops at the next batch and keeps its history).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { inspect } from 'node:util';
import { join, resolve } from 'node:path';
import type { CellError, ExecuteRequest, KernelReady, KernelToHost, StartRequest } from '../protocol/kernel';
import type { RunSink, TrainingHost } from '../training/index';
import { createFitlab } from '../training/index';
import { loadBackend, packagedWasmDir } from './backend';
import { formatText, formatValue, isModel, isTensor } from './display';
import { toCellError, type KernelFrameFilter } from './errors';
import { CellEvaluator } from './evaluate';
import { InterruptChannel } from './interruptChannel';
import { OutputCapture, StreamCoalescer } from './output';
import { createCellRequire, shareTfjsWithPackages } from './require';
import { transpileCell } from './transpile';

/** After an interrupt, how long the cell may take to settle (a fit finishing its batch) before we answer. */
const INTERRUPT_SETTLE_MS = 1500;

interface Execution {
  request: ExecuteRequest;
  streams: StreamCoalescer;
  interrupted: boolean;
  finished: boolean;
  /** The latest epoch reported by a fit of this execution (0-based) and its epoch count. */
  progress?: { epoch: number; epochs: number };
  fitRunning: boolean;
  onInterrupt?: () => void;
}

export class KernelSession {
  private evaluator: CellEvaluator | undefined;
  private readonly output = new OutputCapture();
  private readonly interrupts = new InterruptChannel();
  private current: Execution | undefined;
  /**
   * The execution whose code is running now, followed through awaits and timers: code an earlier
   * cell left running (an interrupted cell that still awaits, a timer) is told apart from the
   * current cell, so its output and fits are never attributed to the wrong execution.
   */
  private readonly executionContext = new AsyncLocalStorage<Execution>();
  private queue: Promise<void> = Promise.resolve();
  private readonly frames: KernelFrameFilter;

  constructor(private readonly send: (message: KernelToHost) => void, kernelPaths: string[]) {
    this.frames = { kernelPaths };
  }

  /** Loads tfjs and the engine; executions that arrive meanwhile wait for it. */
  start(request: StartRequest): Promise<KernelReady> {
    const ready = this.load(request);
    this.queue = ready.then(
      () => undefined,
      () => undefined,
    );
    return ready;
  }

  private async load(request: StartRequest): Promise<KernelReady> {
    this.output.install();
    this.interrupts.listen();
    const wasmDirs = [join(__dirname, 'wasm'), packagedWasmDir()].filter((dir): dir is string => dir !== undefined);
    // An untitled notebook has no folder: resolve from the kernel's working directory instead.
    const notebookDir = resolve(request.notebookDir || '.');
    const loaded = await loadBackend({ preference: request.backend, notebookDir, wasmDirs });
    const { tf } = loaded;
    shareTfjsWithPackages(tf);
    installReadableInspect(tf);
    const fitlab = createFitlab(tf, this.trainingHost(request.recordBatches));
    const cellRequire = createCellRequire(notebookDir, { tf, fitlab });
    this.evaluator = new CellEvaluator(cellRequire);
    const globals = globalThis as Record<string, unknown>;
    // CommonJS habits work too: `const fs = require('fs')` resolves like an import.
    globals.require = cellRequire;
    // ...and so does `path.join(__dirname, 'data.csv')`: the notebook's folder.
    globals.__dirname = notebookDir;
    globals.tf = tf;
    globals.fitlab = fitlab;
    globals.display = (value: unknown) => this.display(value);
    // Start esbuild's service now so the first cell does not pay for it.
    void transpileCell('0', 'warmup.ts').catch(() => undefined);
    return { type: 'ready', backend: loaded.backend, tfVersion: loaded.tfVersion, notes: loaded.notes };
  }

  /** Queues an execution; executions run one at a time in arrival order. */
  execute(request: ExecuteRequest): void {
    this.queue = this.queue
      .then(() => this.run(request))
      .catch((error: unknown) => {
        // A kernel fault (not the cell's) still answers this execution and keeps the queue going.
        const message = `Fitlab kernel error: ${error instanceof Error ? error.message : String(error)}`;
        this.send({ type: 'done', id: request.id, ok: false, error: { name: 'KernelError', message } });
      });
  }

  /** Stops the current execution: fits stop at the next batch, then the execution ends as interrupted. */
  interrupt(): void {
    const execution = this.current;
    if (!execution || execution.interrupted) return;
    execution.interrupted = true;
    execution.onInterrupt?.();
  }

  /** Reports an error nothing awaited (a throwing timer callback) without ending the kernel. */
  reportUncaught(error: unknown): void {
    const maps = this.evaluator?.maps ?? new CellEvaluator(() => undefined).maps;
    const cellError = toCellError(error, maps, this.frames, this.current?.request.cellIndex ?? 0);
    process.stderr.write(`Uncaught ${cellError.stack ?? `${cellError.name}: ${cellError.message}`}\n`);
  }

  private async run(request: ExecuteRequest): Promise<void> {
    const evaluator = this.evaluator;
    if (!evaluator) {
      this.send({ type: 'done', id: request.id, ok: false, error: { name: 'Error', message: 'The kernel has not started (no start message).' } });
      return;
    }
    const streams = new StreamCoalescer((name, text) => this.send({ type: 'stream', id: request.id, name, text }));
    const execution: Execution = { request, streams, interrupted: false, finished: false, fitRunning: false };
    this.current = execution;
    this.interrupts.reset();
    this.output.sink = (name, text) => {
      const writer = this.executing();
      if (writer && !writer.finished) writer.streams.write(name, text);
      else this.output.writeThrough(name, text);
    };

    const cell = this.executionContext.run(execution, () => evaluator.run(request.code, request.cellIndex));
    const interrupted = new Promise<void>((resolve) => (execution.onInterrupt = resolve));
    const settled = cell.then(
      (result) => ({ ok: true as const, result }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const first = await Promise.race([settled, interrupted.then(() => 'interrupt' as const)]);
    let outcome: typeof first | 'timeout' = first;
    if (first === 'interrupt') {
      // Give the cell a moment to settle: a fit returns at the next batch with the history so far.
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), INTERRUPT_SETTLE_MS).unref());
      outcome = await Promise.race([settled, timeout]);
    }

    if (this.interrupts.raised) this.interrupt();
    streams.flush();
    execution.finished = true;
    this.output.sink = null;
    if (this.current === execution) this.current = undefined;

    if (execution.interrupted) {
      this.send({ type: 'done', id: request.id, ok: false, error: this.interruptError(execution) });
    } else if (typeof outcome === 'object' && outcome.ok) {
      const result = outcome.result.returnsValue ? this.safeFormat(outcome.result.value) : [];
      this.send({ type: 'done', id: request.id, ok: true, result });
    } else if (typeof outcome === 'object') {
      this.send({ type: 'done', id: request.id, ok: false, error: toCellError(outcome.error, evaluator.maps, this.frames, request.cellIndex) });
    }
  }

  private interruptError(execution: Execution): CellError {
    const progress = execution.progress;
    let message = 'Interrupted';
    if (progress || execution.fitRunning) {
      // progress.epoch is the last finished epoch (0-based, -1 while the first is running).
      const completed = progress ? Math.max(0, progress.epoch + 1) : 0;
      const epochs = progress?.epochs;
      const at = epochs === undefined ? `${completed + 1}` : `${Math.min(completed + 1, epochs)} of ${epochs}`;
      message = `Interrupted: training stopped at epoch ${at} (${completed} completed); the model and its history so far are kept.`;
    }
    return { name: 'Interrupted', message, interrupted: true };
  }

  /** The execution the running code belongs to (the current one for kernel code outside any cell). */
  private executing(): Execution | undefined {
    return this.executionContext.getStore() ?? this.current;
  }

  private display(value: unknown): void {
    const execution = this.executing();
    if (!execution || execution.finished) {
      process.stdout.write(formatText(value) + '\n');
      return;
    }
    execution.streams.flush();
    for (const item of this.safeFormat(value)) this.send({ type: 'display', id: execution.request.id, item });
  }

  /** Formatting must never fail the cell (a getter that throws, a disposed tensor). */
  private safeFormat(value: unknown) {
    try {
      return formatValue(value);
    } catch (error) {
      return [{ mime: 'text/plain', value: `(value could not be shown: ${error instanceof Error ? error.message : String(error)})` }];
    }
  }

  private trainingHost(recordBatches: boolean): TrainingHost {
    return {
      recordBatches,
      sink: () => {
        const execution = this.executing();
        return execution && !execution.finished ? this.runSink(execution) : null;
      },
      context: () => {
        const request = this.executing()?.request;
        return request ? { cellIndex: request.cellIndex, notebook: request.notebook, code: request.code, executionId: request.id } : null;
      },
      interrupted: () => {
        // Called at every batch: the stdin channel is how an interrupt reaches a busy fit.
        if (this.interrupts.raised) this.interrupt();
        const execution = this.executing();
        if (!execution) return this.interrupts.raised;
        // Code a finished cell left running stops when its cell was interrupted or when the user
        // interrupts now: it must never train on unseen in the background.
        return execution.interrupted || (execution.finished && (this.interrupts.raised || (this.current?.interrupted ?? false)));
      },
    };
  }

  /** A sink bound to one execution: events after that execution is done are dropped, never misattributed. */
  private runSink(execution: Execution): RunSink {
    const id = execution.request.id;
    // Output printed before a run event is sent before it, so the host sees things in order.
    const live = () => {
      if (execution.finished) return false;
      execution.streams.flush();
      return true;
    };
    return {
      started: (run) => {
        execution.fitRunning = true;
        if (live()) this.send({ type: 'runStarted', id, run });
      },
      progress: (delta, epoch, epochs) => {
        execution.progress = { epoch, epochs };
        if (live()) this.send({ type: 'runProgress', id, delta, epoch, epochs });
      },
      ended: (event) => {
        execution.fitRunning = false;
        if (live()) this.send({ type: 'runEnded', id, ...event });
      },
    };
  }
}

/** console.log(tensor) and console.log(model) print like the cell output does, not tfjs internals. */
function installReadableInspect(tf: { Tensor: { prototype: object }; LayersModel: { prototype: object } }): void {
  for (const prototype of [tf.Tensor.prototype, tf.LayersModel.prototype]) {
    Object.defineProperty(prototype, inspect.custom, {
      configurable: true,
      value(this: unknown) {
        return isTensor(this) || isModel(this) ? formatText(this) : '[tfjs prototype]';
      },
    });
  }
}
