/**
 * A training run: what one `model.fit` did, as plain JSON.
 *
 * Produced by the kernel's run recorder (src/training), streamed to the host, stored in the
 * notebook's metadata, drawn by the webviews and read by the diagnostics. Every field is plain
 * JSON so it survives postMessage, process IPC and the notebook file unchanged.
 */

export type RegularizerKind = 'l1' | 'l2' | 'l1l2';

/** A weight penalty in Keras's terms: l1 * sum(|w|) + l2 * sum(w^2). */
export interface RegularizerSummary {
  kind: RegularizerKind;
  l1: number;
  l2: number;
}

export interface LayerSummary {
  name: string;
  /** tfjs class name, e.g. "Dense", "Dropout". */
  className: string;
  units?: number;
  activation?: string;
  /** Dropout rate, for Dropout layers. */
  rate?: number;
  kernelRegularizer?: RegularizerSummary | null;
  params: number;
  outputShape: (number | null)[];
}

export interface ModelSummary {
  layers: LayerSummary[];
  totalParams: number;
  trainableParams: number;
  inputShape: (number | null)[];
}

/** How the learning rate is set: a constant, a schedule of the step, or a callback that changes it. */
export interface LearningRateSetup {
  initial: number;
  /** e.g. "exponentialDecay", "piecewiseConstant", "cosineDecay"; absent for a constant rate. */
  schedule?: string;
  scheduleConfig?: Record<string, number | boolean | number[]>;
  /** Callbacks that change the rate during the fit, e.g. ["reduceLROnPlateau"]. */
  callbacks?: string[];
}

export interface OptimizerSummary {
  /** "adam", "sgd", "rmsprop", "adagrad", "adamax", "momentum", ... */
  name: string;
  learningRate: LearningRateSetup;
}

export type LabelKind = 'binary' | 'multiclass' | 'regression';

/** Summary statistics of a numeric matrix, aggregated over features so it stays small. */
export interface FeatureStats {
  samples: number;
  features: number;
  min: number;
  max: number;
  /** Mean of the per-feature means, and the largest |per-feature mean|. */
  meanOfMeans: number;
  maxAbsMean: number;
  /** Largest per-feature standard deviation. */
  maxStd: number;
  /** Per-feature [min, max, mean] for at most the first 32 features. */
  firstFeatures: [number, number, number][];
}

export interface LabelStats {
  kind: LabelKind;
  /** Fraction of samples in each class, index = class (classification only). */
  classBalance?: number[];
  mean?: number;
  std?: number;
}

export interface DataStats {
  inputs: FeatureStats;
  labels: LabelStats;
  validation: {
    source: 'validationData' | 'validationSplit' | 'none';
    samples: number;
  };
}

export interface FitParams {
  epochs: number;
  batchSize: number;
  initialEpoch: number;
  shuffle: boolean;
  validationSplit?: number;
}

/**
 * Per-epoch history in Keras's `History.history` shape: one array per logged quantity
 * ("loss", "val_loss", "acc", "lr", ...), index = epoch - initialEpoch. null where the value was NaN.
 */
export type EpochHistory = Record<string, (number | null)[]>;

/** Per-batch records in columns (compact for long runs). `epoch` is the epoch each batch belongs to. */
export interface BatchHistory {
  epoch: number[];
  loss: (number | null)[];
  lr: number[];
}

export type RunStatus = 'running' | 'completed' | 'stopped' | 'interrupted' | 'failed';

export interface RunCellRef {
  /** 0-based index of the cell among the notebook's cells. */
  index: number;
  /** 1-based line in the cell of the `fit(` call, when known. */
  fitLine?: number;
}

/**
 * How the fit that made a run fits in a cross-validation: set by `fitlab.kfold` on every run its
 * folds record (one run per fold and repeat), so the workflow checklist and the views can tell a
 * fold's run from a plain fit. 0-based `fold` and `repeat`; `repeats` is 1 for plain K-fold.
 */
export interface EvaluationProtocol {
  kind: 'kfold';
  k: number;
  fold: number;
  repeats: number;
  repeat: number;
}

export interface Run {
  id: string;
  /** A short human name, e.g. "16-16 · L2 0.001 · Dropout 0.5". */
  label: string;
  /** Notebook path (or URI string) and cell the fit was called from. */
  notebook?: string;
  cell?: RunCellRef;
  startedAt: string;
  endedAt?: string;
  status: RunStatus;
  /** Why the run ended early, e.g. "EarlyStopping at epoch 7" or "loss became NaN at epoch 3, batch 12". */
  stopReason?: string;
  model: ModelSummary;
  optimizer: OptimizerSummary;
  loss: string;
  metrics: string[];
  data: DataStats;
  params: FitParams;
  /** Epoch numbers (0-based) of the rows of `history`. */
  epochs: number[];
  history: EpochHistory;
  batches: BatchHistory;
  /** Best (lowest) validation loss epoch restored by EarlyStopping, if any. */
  restoredEpoch?: number;
  /** The evaluation protocol this fit was part of (a K-fold fold); absent for a plain fit. */
  protocol?: EvaluationProtocol;
}

/** An incremental update of a running run: rows appended since the last update. */
export interface RunDelta {
  runId: string;
  epochs: number[];
  history: EpochHistory;
  batches: BatchHistory;
}

/** Appends a delta to a run in place (used by every side that keeps a live copy). */
export function applyRunDelta(run: Run, delta: RunDelta): void {
  run.epochs.push(...delta.epochs);
  for (const [key, values] of Object.entries(delta.history)) {
    const column = run.history[key] ?? (run.history[key] = new Array<number | null>(Math.max(0, run.epochs.length - delta.epochs.length)).fill(null));
    column.push(...values);
  }
  run.batches.epoch.push(...delta.batches.epoch);
  run.batches.loss.push(...delta.batches.loss);
  run.batches.lr.push(...delta.batches.lr);
}
