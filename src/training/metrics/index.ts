/**
 * Binary-classification metrics beyond tfjs's accuracy, with Keras's numbers:
 * `model.compile({metrics: [fitlab.metrics.auc, ...]})` logs "auc" and "val_auc" accumulated over
 * the epoch and over the whole validation set, as Keras's `AUC()` does (statefulMetric.ts says how).
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import { metricTemplate, type MetricFn, type MetricSpec } from './statefulMetric';
import { prAucOf, precisionOf, recallOf, rocAucOf } from './results';

export { FitMetrics, bindStatefulMetrics, installWholeSetEvaluation } from './metricSlots';
export type { MetricFn } from './statefulMetric';

type Tf = typeof tfNamespace;

export interface AucOptions {
  /** Thresholds the curve is sampled at (Keras's default 200; at least 2). */
  numThresholds?: number;
  /** 'ROC' (default) or 'PR', the precision-recall curve (interpolated as Keras does). */
  curve?: 'ROC' | 'PR';
  /** The name in the logs (default "auc"; its validation value is "val_" + name). */
  name?: string;
}

export interface ThresholdOptions {
  /** A prediction counts as positive when its score is greater than this (default 0.5, in [0, 1]). */
  threshold?: number;
  /** The name in the logs (default "precision" / "recall"). */
  name?: string;
}

export interface MetricsModule {
  /** ROC AUC over 200 thresholds, accumulated over the epoch like Keras's `AUC()`; 0 while only one class was seen. */
  auc: MetricFn;
  /** TP / (TP + FP) at threshold 0.5, accumulated over the epoch like Keras's `Precision()`. */
  precision: MetricFn;
  /** TP / (TP + FN) at threshold 0.5, accumulated over the epoch like Keras's `Recall()`. */
  recall: MetricFn;
  /** An AUC with other options, as Keras's `AUC(num_thresholds=..., curve=...)`: `fitlab.metrics.AUC({curve: 'PR', name: 'pr_auc'})`. */
  AUC(options?: AucOptions): MetricFn;
  /** Precision at another threshold, as Keras's `Precision(thresholds=...)`. */
  Precision(options?: ThresholdOptions): MetricFn;
  /** Recall at another threshold, as Keras's `Recall(thresholds=...)`. */
  Recall(options?: ThresholdOptions): MetricFn;
}

/** Keras's AUC thresholds: just below 0, evenly spaced inside (0, 1), just above 1. */
function aucThresholds(count: number): Float32Array {
  const inner = Array.from({ length: count - 2 }, (_, i) => (i + 1) / (count - 1));
  return Float32Array.from([0 - 1e-7, ...inner, 1 + 1e-7]);
}

function checkName(name: unknown, where: string): void {
  if (name !== undefined && (typeof name !== 'string' || !/^[A-Za-z_][\w.-]*$/.test(name))) {
    throw new Error(`${where}: name must be a non-empty word (letters, digits, _ . -), got ${JSON.stringify(name)}`);
  }
}

function aucSpec(options: AucOptions = {}): MetricSpec {
  const { numThresholds = 200, curve = 'ROC', name = 'auc' } = options;
  if (!Number.isInteger(numThresholds) || numThresholds < 2) throw new Error(`fitlab.metrics.AUC: numThresholds must be an integer >= 2, got ${numThresholds}`);
  if (curve !== 'ROC' && curve !== 'PR') throw new Error(`fitlab.metrics.AUC: curve must be 'ROC' or 'PR', got ${JSON.stringify(curve)}`);
  checkName(name, 'fitlab.metrics.AUC');
  return { name, thresholds: aucThresholds(numThresholds), result: curve === 'ROC' ? rocAucOf : prAucOf };
}

function thresholdSpec(kind: 'Precision' | 'Recall', options: ThresholdOptions = {}): MetricSpec {
  const { threshold = 0.5, name = kind.toLowerCase() } = options;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) throw new Error(`fitlab.metrics.${kind}: threshold must be in [0, 1], got ${threshold}`);
  checkName(name, `fitlab.metrics.${kind}`);
  return { name, thresholds: Float32Array.of(threshold), result: kind === 'Precision' ? precisionOf : recallOf };
}

export function createMetrics(tf: Tf): MetricsModule {
  return {
    auc: metricTemplate(tf, aucSpec()),
    precision: metricTemplate(tf, thresholdSpec('Precision')),
    recall: metricTemplate(tf, thresholdSpec('Recall')),
    AUC: (options) => metricTemplate(tf, aucSpec(options)),
    Precision: (options) => metricTemplate(tf, thresholdSpec('Precision', options)),
    Recall: (options) => metricTemplate(tf, thresholdSpec('Recall', options)),
  };
}
