/** The initial (empty-history) run record of a fit. */
import type * as tfNamespace from '@tensorflow/tfjs';
import type { DataStats, EvaluationProtocol, FitParams, OptimizerSummary, Run } from '../../protocol/run';
import { FitlabCallback } from '../callbacks/callback';
import { getLearningRate, optimizerName, scheduleOf } from '../optimizers';
import { findFitLine } from './fitLine';
import { runLabel, summarizeModel } from './modelSummary';

let runCounter = 0;

/** Unique within a kernel, without Math.random (which fitlab.seed may have replaced). */
export function newRunId(): string {
  runCounter += 1;
  return `run-${Date.now().toString(36)}-${runCounter}`;
}

export function lossName(model: tfNamespace.LayersModel): string {
  const loss = (model as unknown as { loss?: unknown }).loss;
  const name = (l: unknown): string => (typeof l === 'string' ? l : typeof l === 'function' ? l.name || 'custom' : 'unknown');
  return Array.isArray(loss) ? loss.map(name).join(', ') : name(loss);
}

export function summarizeOptimizer(model: tfNamespace.LayersModel, callbacks: unknown[]): OptimizerSummary {
  const optimizer = model.optimizer;
  const schedule = scheduleOf(optimizer);
  const lrCallbacks = callbacks.filter((cb): cb is FitlabCallback => cb instanceof FitlabCallback && cb.changesLearningRate).map((cb) => cb.callbackName);
  return {
    name: optimizerName(optimizer),
    learningRate: {
      initial: schedule ? schedule(optimizer.iterations) : getLearningRate(optimizer),
      ...(schedule ? { schedule: schedule.scheduleName, scheduleConfig: schedule.config } : {}),
      ...(lrCallbacks.length ? { callbacks: lrCallbacks } : {}),
    },
  };
}

export interface RunInputs {
  model: tfNamespace.LayersModel;
  callbacks: unknown[];
  data: DataStats;
  params: FitParams;
  context: { cellIndex: number; notebook: string; code: string } | null;
  /** Which fit of this cell execution this is (0-based), to find its line. */
  fitIndex: number;
  labelSuffix: string;
  /** The cross-validation this fit is a fold of, if any. */
  protocol?: EvaluationProtocol;
}

export function buildRun(inputs: RunInputs): Run {
  const { model, context } = inputs;
  const summary = summarizeModel(model);
  const optimizer = summarizeOptimizer(model, inputs.callbacks);
  const fitLine = context ? findFitLine(context.code, inputs.fitIndex) : undefined;
  return {
    id: newRunId(),
    label: runLabel(summary, optimizer.learningRate.callbacks, inputs.labelSuffix),
    ...(context ? { notebook: context.notebook, cell: { index: context.cellIndex, ...(fitLine !== undefined ? { fitLine } : {}) } } : {}),
    startedAt: new Date().toISOString(),
    status: 'running',
    model: summary,
    optimizer,
    loss: lossName(model),
    metrics: model.metricsNames.filter((name) => name !== 'loss'),
    data: inputs.data,
    params: inputs.params,
    epochs: [],
    history: {},
    batches: { epoch: [], loss: [], lr: [] },
    ...(inputs.protocol ? { protocol: { ...inputs.protocol } } : {}),
  };
}
