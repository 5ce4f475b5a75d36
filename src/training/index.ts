// STUB: replaced by the training engine (issue 3). The exported signatures are fixed.
import type * as tfNamespace from '@tensorflow/tfjs';
import type { Run, RunDelta, RunStatus } from '../protocol/run';

export type Tf = typeof tfNamespace;

/** Where the runs of the executing cell go (the kernel turns these into protocol events). */
export interface RunSink {
  started(run: Run): void;
  /** Throttled by the engine to a few per second, with a final flush before `ended`. */
  progress(delta: RunDelta, epoch: number, epochs: number): void;
  ended(event: { runId: string; status: RunStatus; endedAt: string; stopReason?: string; restoredEpoch?: number }): void;
}

/** What the engine needs from the kernel it runs in. */
export interface TrainingHost {
  /** The sink of the executing cell, or null to record nothing. */
  sink(): RunSink | null;
  /** The executing cell; `code` lets the engine find the line of the `fit(` call. */
  context(): { cellIndex: number; notebook: string; code: string } | null;
  /** True after the user asked to stop: fits stop at the next batch with status 'interrupted'. */
  interrupted(): boolean;
  recordBatches: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FitlabModule {}

/** Installs the fit recorder on `tf` (every LayersModel.fit becomes a run) and returns the `fitlab` module. */
export function createFitlab(_tf: Tf, _host: TrainingHost): FitlabModule {
  return {};
}
