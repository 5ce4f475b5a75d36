/**
 * The fit recorder: replaces `tf.LayersModel.prototype.fit` (Sequential inherits it) so every fit
 * is checked before it starts, recorded as a run and streamed to the editor, stepped by its
 * learning-rate schedule, stopped on NaN loss or interrupt — and trained through the fast batching
 * path when x and y are plain tensors (see fastFit.ts for what is kept bit-for-bit equal).
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import type { DataStats, FitParams, RunStatus } from '../protocol/run';
import { EarlyStopping } from './callbacks/earlyStopping';
import type { Logs } from './callbacks/callback';
import { fastFit, readTrainingData, type FastFitData, type FitDataset } from './fastFit';
import { checkCallbacks, checkData, checkFitArgs, checkModel } from './fitChecks';
import type { TrainingHost } from './index';
import { getLearningRate, scheduleOf, setLearningRate } from './optimizers';
import { buildRun, lossName } from './recorder/buildRun';
import { currentProtocolFit } from './recorder/evaluationProtocol';
import { featureStats, hasNonFinite, labelStats, type NumericArray } from './recorder/dataStats';
import { bindStatefulMetrics, FitMetrics } from './metrics';
import { multiTensorDataStats, tensorsOf } from './recorder/multiInputStats';
import { RunRecorder } from './recorder/runRecorder';
import { hookAdapter, toTfCallbacks } from './recorder/tfCallbacks';

type Tf = typeof tfNamespace;
type Tensor = tfNamespace.Tensor;
type FitInput = Tensor | Tensor[] | { [name: string]: Tensor };
type Fit = (this: tfNamespace.LayersModel, x: FitInput, y: FitInput, args?: tfNamespace.ModelFitArgs) => Promise<tfNamespace.History>;

const ORIGINAL_FIT = Symbol.for('fitlab.originalFit');
const ORIGINAL_FIT_DATASET = Symbol.for('fitlab.originalFitDataset');
const ACTIVE_HOST = Symbol.for('fitlab.host');
type PatchedPrototype = { fit: Fit; fitDataset: FitDataset; [ORIGINAL_FIT]?: Fit; [ORIGINAL_FIT_DATASET]?: FitDataset; [ACTIVE_HOST]?: TrainingHost };

/** Thrown when the loss becomes NaN or infinite; the run keeps the history up to there. */
export class TrainingDivergedError extends Error {
  override readonly name = 'TrainingDivergedError';
}

/**
 * tfjs's own, unrecorded fit (for side-by-side comparisons in tests and the benchmark). A
 * Sequential delegates fit to its inner LayersModel, so that is the one trained here.
 */
export function plainFit(tf: Tf, model: tfNamespace.LayersModel, x: FitInput, y: FitInput, args?: tfNamespace.ModelFitArgs): Promise<tfNamespace.History> {
  const proto = tf.LayersModel.prototype as unknown as PatchedPrototype;
  const fit = proto[ORIGINAL_FIT] ?? proto.fit;
  const inner = model instanceof tf.Sequential ? (model as unknown as { model: tfNamespace.LayersModel }).model : model;
  return fit.call(inner, x, y, args);
}

export function installFitRecorder(tf: Tf, host: TrainingHost): void {
  const proto = tf.LayersModel.prototype as unknown as PatchedPrototype;
  proto[ACTIVE_HOST] = host;
  if (proto[ORIGINAL_FIT]) return;
  const plain = { fit: proto.fit, fitDataset: proto.fitDataset };
  proto[ORIGINAL_FIT] = plain.fit;
  proto[ORIGINAL_FIT_DATASET] = plain.fitDataset;
  proto.fit = function recordedFit(this: tfNamespace.LayersModel, x, y, args = {}) {
    return fitAndRecord(tf, proto[ACTIVE_HOST] ?? host, plain, this, x, y, args);
  };
  proto.fitDataset = function recordedFitDataset(this: tfNamespace.LayersModel, dataset, args) {
    return fitDatasetAndRecord(tf, proto[ACTIVE_HOST] ?? host, plain.fitDataset, this, dataset, args);
  };
}

/**
 * Which fit of the current cell execution this is (0-based). Executions are told apart by their
 * id when the host gives one, else by the cell's text (a re-run of an unchanged cell keeps
 * counting; findFitLine counts round the cell's fit calls, so the lines still match).
 */
let lastExecution = '';
let fitsInExecution = 0;
function nextFitIndex(context: { cellIndex: number; notebook: string; code: string; executionId?: string } | null): number {
  if (!context) return 0;
  const key = context.executionId ?? `${context.notebook}#${context.cellIndex}#${context.code}`;
  if (key !== lastExecution) {
    lastExecution = key;
    fitsInExecution = 0;
  }
  return fitsInExecution++;
}

function isTensor(tf: Tf, value: unknown): value is Tensor {
  return value instanceof tf.Tensor;
}

function dataStats(train: { x: NumericArray; y: NumericArray; samples: number; xRow: number; yRow: number } | null, loss: string, validation: DataStats['validation']): DataStats {
  if (!train) {
    return { inputs: featureStats([], 0, 0), labels: { kind: 'regression' }, validation };
  }
  return {
    inputs: featureStats(train.x, train.samples, train.xRow),
    labels: labelStats(train.y, train.samples, train.yRow, loss),
    validation,
  };
}

interface FitState {
  epoch: number;
  batch: number;
  lr: number;
  failure: string | null;
  interrupted: boolean;
}

interface Recording {
  callbacks: tfNamespace.Callback[];
  recorder: RunRecorder;
  state: FitState;
  userCallbacks: unknown[];
}

/** Builds and announces the run, and the callback list that records it around the user's callbacks. */
function startRecording(tf: Tf, host: TrainingHost, model: tfNamespace.LayersModel, userCallbacks: unknown[], data: DataStats, params: FitParams, inputsHaveNaN: () => boolean, announce: 'now' | 'at the first batch' = 'now'): Recording {
  const context = host.context();
  const protocolFit = currentProtocolFit();
  const run = buildRun({ model, callbacks: userCallbacks, data, params, context, fitIndex: nextFitIndex(context), labelSuffix: protocolFit?.labelSuffix ?? '', protocol: protocolFit?.protocol });
  const recorder = new RunRecorder(run, host.sink(), host.recordBatches);
  const state: FitState = { epoch: params.initialEpoch, batch: 0, lr: getLearningRate(model.optimizer), failure: null, interrupted: false };
  const Adapter = hookAdapter(tf);
  const metrics = new FitMetrics(bindStatefulMetrics(tf, model));
  const head = new Adapter(controlHooks(model, host, recorder, state, metrics, inputsHaveNaN));
  const tail = new Adapter({ onEpochEnd: (epoch, logs) => recorder.epoch(epoch, logs ?? {}) });
  if (announce === 'now') recorder.start();
  return { callbacks: [head, ...toTfCallbacks(tf, userCallbacks), tail] as tfNamespace.Callback[], recorder, state, userCallbacks };
}

/** Trains, then ends the run with the status the training earned (a thrown error ends it 'failed'). */
async function trainRecorded(model: tfNamespace.LayersModel, recording: Recording, train: () => Promise<tfNamespace.History>): Promise<tfNamespace.History> {
  let history: tfNamespace.History;
  try {
    history = await train();
  } catch (error) {
    recording.recorder.end('failed', `fit failed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  return finish(model, recording.userCallbacks, recording.recorder, recording.state, history);
}

const callbackList = (callbacks: unknown): unknown[] => (callbacks == null ? [] : Array.isArray(callbacks) ? callbacks : [callbacks]);

async function fitAndRecord(tf: Tf, host: TrainingHost, plain: { fit: Fit; fitDataset: FitDataset }, model: tfNamespace.LayersModel, x: FitInput, y: FitInput, args: tfNamespace.ModelFitArgs): Promise<tfNamespace.History> {
  checkModel(model);
  const params = checkFitArgs(args);
  const userCallbacks = callbackList(args.callbacks);
  checkCallbacks(model, userCallbacks);
  const tensors = isTensor(tf, x) && isTensor(tf, y) ? { x, y } : null;
  if (tensors) checkData(model, tensors.x, tensors.y);
  const validationTensors = Array.isArray(args.validationData) && args.validationData.length === 2 && isTensor(tf, args.validationData[0]) && isTensor(tf, args.validationData[1]);
  const fast = tensors !== null && (args.validationData == null || validationTensors) && args.classWeight == null && args.stepsPerEpoch == null;

  const total = tensors ? tensors.x.shape[0] : 0;
  const trainSamples = params.validationSplit > 0 ? Math.floor(total * (1 - params.validationSplit)) : total;
  const trainData: FastFitData | null = tensors ? readTrainingData(tensors.x, tensors.y, trainSamples) : null;
  const validationSamples = params.validationSplit > 0 ? total - trainSamples : args.validationData ? (tensorsOf(tf, args.validationData[0])[0]?.shape[0] ?? 0) : 0;
  const validationSource = params.validationSplit > 0 ? 'validationSplit' : args.validationData ? 'validationData' : 'none';
  const validation = { source: validationSource, samples: validationSamples } as const;
  const data = trainData
    ? dataStats({ x: trainData.x, y: trainData.y, samples: trainSamples, xRow: trainData.x.length / Math.max(1, trainSamples), yRow: trainData.y.length / Math.max(1, trainSamples) }, lossName(model), validation)
    : (multiTensorDataStats(tf, x, y, params.validationSplit, lossName(model), validation) ?? dataStats(null, lossName(model), validation));
  const fitParams: FitParams = { epochs: params.epochs, batchSize: params.batchSize, initialEpoch: params.initialEpoch, shuffle: params.shuffle, ...(params.validationSplit > 0 ? { validationSplit: params.validationSplit } : {}) };
  // Only read when the loss diverges: a full pass over the inputs is not worth paying on every fit.
  const inputsHaveNaN = (): boolean => (trainData ? hasNonFinite(trainData.x) : false);
  const recording = startRecording(tf, host, model, userCallbacks, data, fitParams, inputsHaveNaN);
  const { callbacks } = recording;

  const disposables: Tensor[] = [];
  try {
    return await trainRecorded(model, recording, async () => {
      if (!(fast && trainData && tensors)) return plain.fit.call(model, x, y, { ...args, callbacks });
      let validationData = validationTensors ? (args.validationData as [Tensor, Tensor]) : undefined;
      if (params.validationSplit > 0) {
        validationData = [tensors.x.slice(trainSamples), tensors.y.slice(trainSamples)];
        disposables.push(...validationData);
      }
      return fastFit(tf, model, trainData, { ...params, validationData, callbacks, yieldEvery: args.yieldEvery }, plain.fitDataset);
    });
  } finally {
    tf.dispose(disposables);
  }
}

/**
 * `model.fitDataset` called by the user: recorded the same way. The dataset is not read ahead (it
 * may be a stream), so the run has no input statistics, and it is announced after the first batch,
 * whose size is the batch size the dataset was batched with.
 */
async function fitDatasetAndRecord(tf: Tf, host: TrainingHost, plainFitDataset: FitDataset, model: tfNamespace.LayersModel, dataset: tfNamespace.data.Dataset<tfNamespace.TensorContainer>, args: tfNamespace.ModelFitDatasetArgs<tfNamespace.TensorContainer>): Promise<tfNamespace.History> {
  checkModel(model);
  const epochs = checkFitArgs({ epochs: args?.epochs, initialEpoch: args?.initialEpoch }).epochs;
  const userCallbacks = callbackList(args?.callbacks);
  checkCallbacks(model, userCallbacks);
  const validationSource = args.validationData ? 'validationData' : 'none';
  const validationTensor = Array.isArray(args.validationData) && isTensor(tf, args.validationData[0]) ? args.validationData[0] : null;
  const data = dataStats(null, lossName(model), { source: validationSource, samples: validationTensor ? validationTensor.shape[0] : 0 });
  const params: FitParams = { epochs, batchSize: 0, initialEpoch: args.initialEpoch ?? 0, shuffle: false };
  const recording = startRecording(tf, host, model, userCallbacks, data, params, () => false, 'at the first batch');
  return trainRecorded(model, recording, () => plainFitDataset.call(model, dataset, { ...args, callbacks: recording.callbacks }));
}

/** How long a fit may run without letting the event loop turn (timers, IPC, output). */
const YIELD_EVERY_MS = 100;

/**
 * The first callback of every fit (after tfjs's own batch averaging, before the user's callbacks):
 * schedule stepping, per-batch records, NaN guard, interrupt, `lr` and the epoch's accumulated
 * AUC/precision/recall in the logs, so EarlyStopping or ReduceLROnPlateau on `val_auc` see Keras's value.
 */
function controlHooks(model: tfNamespace.LayersModel, host: TrainingHost, recorder: RunRecorder, state: FitState, metrics: FitMetrics, inputsHaveNaN: () => boolean) {
  let lastYield = Date.now();
  return {
    onEpochBegin(epoch: number) {
      state.epoch = epoch;
      metrics.epochBegin();
    },
    onBatchBegin(batch: number) {
      state.batch = batch;
      const schedule = scheduleOf(model.optimizer);
      if (schedule) setLearningRate(model.optimizer, schedule(model.optimizer.iterations));
      state.lr = getLearningRate(model.optimizer);
    },
    async onBatchEnd(batch: number, logs?: Logs) {
      // tfjs's fit loop only awaits microtasks, so without a real turn of the event loop nothing
      // else runs until the fit ends: not the IPC `interrupt` message, not the cell's timers, not
      // the throttled progress flushes. One macrotask turn every ~100 ms costs next to nothing.
      if (Date.now() - lastYield >= YIELD_EVERY_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = Date.now();
      }
      // A dataset fit announces its run here, once its first batch has told the batch size.
      if (recorder.run.params.batchSize === 0 && typeof logs?.size === 'number') recorder.run.params.batchSize = logs.size;
      recorder.start();
      const loss = logs?.loss ?? NaN;
      recorder.batch(state.epoch, loss, state.lr);
      if (!Number.isFinite(loss) && state.failure === null) {
        const cause = inputsHaveNaN()
          ? 'the training inputs contain NaN or infinite values'
          : `the updates diverged — the learning rate (${state.lr}) is likely too high for this model and data (try 10x smaller), or the inputs are unscaled`;
        state.failure = `loss became ${Number.isNaN(loss) ? 'NaN' : 'infinite'} at epoch ${state.epoch + 1}, batch ${batch + 1}: ${cause}`;
        model.stopTraining = true;
      }
      if (host.interrupted()) {
        state.interrupted = true;
        model.stopTraining = true;
      }
    },
    onEpochEnd(_epoch: number, logs?: Logs) {
      if (!logs) return;
      logs.lr = state.lr;
      metrics.epochEnd(logs);
    },
  };
}

function finish(model: tfNamespace.LayersModel, userCallbacks: unknown[], recorder: RunRecorder, state: FitState, history: tfNamespace.History): tfNamespace.History {
  const earlyStopping = userCallbacks.find((cb): cb is EarlyStopping => cb instanceof EarlyStopping);
  const restoredEpoch = earlyStopping?.restoredEpoch;
  let status: RunStatus = 'completed';
  let reason: string | undefined;
  if (state.failure) {
    status = 'failed';
    reason = state.failure;
  } else if (state.interrupted) {
    status = 'interrupted';
    reason = `interrupted at epoch ${state.epoch + 1}, batch ${state.batch + 1}`;
  } else if (model.stopTraining) {
    status = 'stopped';
    const stoppedEpoch = earlyStopping?.stoppedEpoch ?? (userCallbacks.find((cb) => typeof (cb as { stoppedEpoch?: unknown }).stoppedEpoch === 'number') as { stoppedEpoch: number } | undefined)?.stoppedEpoch;
    reason = stoppedEpoch !== undefined ? `EarlyStopping at epoch ${stoppedEpoch + 1}` : `stopped by a callback at epoch ${state.epoch + 1}`;
  }
  recorder.end(status, reason, restoredEpoch);
  if (state.failure) throw Object.assign(new TrainingDivergedError(state.failure), { history, run: recorder.run });
  return history;
}
