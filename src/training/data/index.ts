import type * as tfNamespace from '@tensorflow/tfjs';
import { readCsv, type CsvData, type ReadCsvOptions } from './csv';
import { multiHot, oneHot } from './encoding';
import { minMaxScale, normalize, type MinMaxScaled, type Normalized } from './scaling';
import { split, type Split, type SplitOptions } from './split';

export type { CsvData, MinMaxScaled, Normalized, ReadCsvOptions, Split, SplitOptions };

type Tf = typeof tfNamespace;
type Tensor = tfNamespace.Tensor;

/** Evaluation protocols and data preparation. */
export interface DataModule {
  /** Hold-out split: `{xTrain, yTrain, xVal, yVal}`, shuffled (with `seed`: reproducibly) unless `shuffle: false`. */
  split(x: Tensor, y: Tensor, options?: SplitOptions): Split;
  /** z-score with statistics from the training data only; `apply` scales validation/test data the same way. */
  normalize(xTrain: Tensor): Normalized;
  /** Scales each feature to [0, 1] with the training min/max; `apply` for validation/test data. */
  minMaxScale(xTrain: Tensor): MinMaxScaled;
  /** Bag-of-words vectors: row i has 1 at every index in sequences[i]. */
  multiHot(sequences: ArrayLike<number>[], dim: number): tfNamespace.Tensor2D;
  /** One-hot rows for integer labels. */
  oneHot(labels: ArrayLike<number> | Tensor, numClasses: number): tfNamespace.Tensor2D;
  /** A numeric CSV with a header row (path relative to the notebook) into x and y tensors. */
  readCsv(path: string, options: ReadCsvOptions): CsvData;
}

export function createData(tf: Tf, notebook: () => string | undefined): DataModule {
  return {
    split: (x, y, options) => split(tf, x, y, options),
    normalize: (xTrain) => normalize(tf, xTrain),
    minMaxScale: (xTrain) => minMaxScale(tf, xTrain),
    multiHot: (sequences, dim) => multiHot(tf, sequences, dim),
    oneHot: (labels, numClasses) => oneHot(tf, labels, numClasses),
    readCsv: (path, options) => readCsv(tf, path, options, notebook()),
  };
}
