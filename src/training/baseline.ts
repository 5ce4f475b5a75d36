/**
 * `fitlab.baseline(yTrain, yVal)`: the score to beat. Classification: always predict the majority
 * class of the training labels (accuracy) and the training class frequencies (cross-entropy).
 * Regression: always predict the training mean (mean squared and absolute error).
 */
import type * as tfNamespace from '@tensorflow/tfjs';

type Tf = typeof tfNamespace;
type Labels = tfNamespace.Tensor | number[] | number[][];

export interface ClassificationBaseline {
  kind: 'binary' | 'multiclass';
  /** Validation accuracy of always predicting `majorityClass`. */
  accuracy: number;
  majorityClass: number;
  /** Validation cross-entropy of predicting the training class frequencies (compare with val_loss). */
  loss: number;
  classFrequencies: number[];
  description: string;
}

export interface RegressionBaseline {
  kind: 'regression';
  /** Validation MSE and MAE of always predicting the training mean. */
  mse: number;
  mae: number;
  mean: number;
  description: string;
}

export type Baseline = ClassificationBaseline | RegressionBaseline;

function toRows(tf: Tf, labels: Labels): number[][] {
  if (labels instanceof tf.Tensor) {
    const values = labels.dataSync();
    const columns = labels.shape.length > 1 ? labels.size / labels.shape[0] : 1;
    return Array.from({ length: labels.shape[0] }, (_, r) => Array.from(values.slice(r * columns, (r + 1) * columns) as ArrayLike<number>));
  }
  return labels.map((row) => (Array.isArray(row) ? row : [row]));
}

const isBinaryColumn = (rows: number[][]): boolean => rows.every((r) => r.length === 1 && (r[0] === 0 || r[0] === 1));
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
const isOneHot = (rows: number[][]): boolean => rows.length > 0 && rows[0].length > 1 && rows.every((r) => sum(r) === 1 && r.every((v) => v === 0 || v === 1));
const classOf = (row: number[]): number => (row.length === 1 ? row[0] : row.indexOf(Math.max(...row)));
const round = (v: number): number => Number(v.toPrecision(4));

export function baseline(tf: Tf, yTrain: Labels, yVal: Labels): Baseline {
  const train = toRows(tf, yTrain);
  const val = toRows(tf, yVal);
  if (train.length === 0 || val.length === 0) throw new RangeError('fitlab.baseline: yTrain and yVal must both hold at least one label');
  if (isBinaryColumn(train) || isOneHot(train)) {
    const classes = Math.max(train[0].length, 2);
    const counts = new Array<number>(classes).fill(0);
    train.forEach((row) => counts[classOf(row)]++);
    const frequencies = counts.map((c) => c / train.length);
    const majorityClass = frequencies.indexOf(Math.max(...frequencies));
    const accuracy = val.filter((row) => classOf(row) === majorityClass).length / val.length;
    const eps = 1e-7;
    const loss = -val.reduce((sum, row) => sum + Math.log(Math.min(1 - eps, Math.max(eps, frequencies[classOf(row)]))), 0) / val.length;
    const kind = train[0].length === 1 ? 'binary' : 'multiclass';
    return { kind, accuracy, majorityClass, loss, classFrequencies: frequencies, description: `majority class ${majorityClass}: accuracy ${round(accuracy)}, cross-entropy ${round(loss)}` };
  }
  const trainValues = train.flat();
  const mean = sum(trainValues) / trainValues.length;
  const valValues = val.flat();
  const mse = valValues.reduce((s, v) => s + (v - mean) ** 2, 0) / valValues.length;
  const mae = valValues.reduce((s, v) => s + Math.abs(v - mean), 0) / valValues.length;
  return { kind: 'regression', mse, mae, mean, description: `predict the mean ${round(mean)}: MSE ${round(mse)}, MAE ${round(mae)}` };
}
