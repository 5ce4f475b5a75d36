/**
 * The host <-> kernel protocol. The kernel is a child process (dist/kernel.js) started by
 * src/kernel-client; messages travel over Node's IPC channel as plain JSON.
 *
 * Requests carry an `id` (the execution id) and get exactly one `done` reply. Everything else the
 * kernel sends about an execution (`stream`, `display`, `run*`) carries the same id and arrives
 * before that execution's `done`.
 */
import type { DisplayItem } from './display';
import type { Run, RunDelta, RunStatus } from './run';

export type BackendPreference = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
/** The tfjs backend names: "tensorflow" is tfjs-node. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

// ---------------------------------------------------------------- host -> kernel

/** host -> kernel: first message; the kernel loads tfjs and answers `ready`. */
export interface StartRequest {
  type: 'start';
  backend: BackendPreference;
  /** Folder of the notebook: imports resolve from its node_modules first. */
  notebookDir: string;
  /** Record per-batch loss and learning rate in runs. */
  recordBatches: boolean;
}

/** host -> kernel: run one cell's TypeScript source. */
export interface ExecuteRequest {
  type: 'execute';
  id: string;
  code: string;
  /** 0-based cell index in its notebook (used for error positions and run records). */
  cellIndex: number;
  /** Notebook path or URI string, recorded in runs. */
  notebook: string;
}

/** host -> kernel: stop the running execution (a fit stops at the next batch). */
export interface InterruptRequest {
  type: 'interrupt';
}

/** host -> kernel: exit cleanly. */
export interface ShutdownRequest {
  type: 'shutdown';
}

export type HostToKernel = StartRequest | ExecuteRequest | InterruptRequest | ShutdownRequest;

// ---------------------------------------------------------------- kernel -> host

/** kernel -> host: tfjs is loaded on `backend`. `notes` explain a fallback (e.g. tfjs-node missing). */
export interface KernelReady {
  type: 'ready';
  backend: BackendName;
  tfVersion: string;
  notes: string[];
}

/** kernel -> host: console output of an execution, as it happens. */
export interface StreamEvent {
  type: 'stream';
  id: string;
  name: 'stdout' | 'stderr';
  text: string;
}

/** kernel -> host: a rich output emitted during an execution (e.g. `display(x)`). */
export interface DisplayEvent {
  type: 'display';
  id: string;
  item: DisplayItem;
}

/** kernel -> host: a fit began; `run` has empty history. */
export interface RunStartedEvent {
  type: 'runStarted';
  id: string;
  run: Run;
}

/** kernel -> host: new epochs / batches of a running fit (throttled to a few per second). */
export interface RunProgressEvent {
  type: 'runProgress';
  id: string;
  delta: RunDelta;
  /** The latest finished epoch (0-based) and the fit's total epoch count, for progress lines. */
  epoch: number;
  epochs: number;
}

/** kernel -> host: a fit ended. The final RunProgress precedes it. */
export interface RunEndedEvent {
  type: 'runEnded';
  id: string;
  runId: string;
  status: RunStatus;
  endedAt: string;
  stopReason?: string;
  restoredEpoch?: number;
}

/** Where an error happened in the user's cell (1-based, mapped back from the transpiled code). */
export interface CellErrorPosition {
  cellIndex: number;
  line: number;
  column: number;
}

export interface CellError {
  name: string;
  message: string;
  /** Stack with kernel-internal frames removed and cell frames mapped to cell lines. */
  stack?: string;
  position?: CellErrorPosition;
  /** True when the error is an interrupt the user asked for. */
  interrupted?: boolean;
}

/** kernel -> host: an execution finished. `result` holds the last expression's value, if any. */
export type DoneEvent =
  | { type: 'done'; id: string; ok: true; result: DisplayItem[] }
  | { type: 'done'; id: string; ok: false; error: CellError };

export type KernelToHost = KernelReady | StreamEvent | DisplayEvent | RunStartedEvent | RunProgressEvent | RunEndedEvent | DoneEvent;

/** Events tied to one execution. */
export type ExecutionEvent = StreamEvent | DisplayEvent | RunStartedEvent | RunProgressEvent | RunEndedEvent;
