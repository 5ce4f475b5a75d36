/**
 * One kernel event of a running cell, applied everywhere it matters: the run store gets the run
 * records, the kernel manager the epoch counter for the status bar, and the cell the output
 * operations returned. Pure (no vscode), so it is tested against a real kernel in plain Node.
 */
import type { ExecutionEvent } from '../../protocol/kernel';
import type { RunStore } from '../../runs/runStore';
import type { KernelManager } from '../kernel/kernelManager';
import type { ExecutionOutputs, OutputOp } from './executionOutputs';
import { progressLine, startingLine, summaryLine } from './progressText';

export interface ExecutionEventDeps {
  store: RunStore;
  kernels: Pick<KernelManager, 'setTraining'>;
}

export function applyExecutionEvent(event: ExecutionEvent, notebook: string, outputs: ExecutionOutputs, deps: ExecutionEventDeps): OutputOp[] {
  const { store, kernels } = deps;
  switch (event.type) {
    case 'stream':
      return outputs.stream(event.name, event.text);
    case 'display':
      return outputs.display(event.item);
    case 'runStarted': {
      store.started(notebook, event.run);
      const run = store.run(notebook, event.run.id) ?? event.run;
      kernels.setTraining(notebook, { epoch: -1, epochs: run.params.epochs, label: run.label });
      return outputs.runStarted({ run, findings: [] }, startingLine(run));
    }
    case 'runProgress': {
      store.progressed(notebook, event.delta);
      const run = store.run(notebook, event.delta.runId);
      if (!run) return [];
      kernels.setTraining(notebook, { epoch: event.epoch, epochs: event.epochs, label: run.label });
      return outputs.runUpdated({ run, findings: [] }, progressLine(run, event.epoch, event.epochs));
    }
    case 'runEnded': {
      store.ended(notebook, event);
      const run = store.run(notebook, event.runId);
      if (!run) return [];
      kernels.setTraining(notebook, undefined);
      return outputs.runEnded({ run, findings: store.findings(notebook, run.id) }, summaryLine(run));
    }
  }
}
