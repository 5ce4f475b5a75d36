/**
 * Keras's formulas from confusion counts (keras/src/metrics/confusion_metrics.py): every division is
 * "divide no NaN" (0 when the denominator is 0), so an epoch with one class gives 0, not NaN.
 */
import type { Confusion } from './confusion';

const divideNoNan = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** TP / (TP + FP) at the first threshold. */
export function precisionOf(c: Confusion): number {
  return divideNoNan(c.tp[0], c.tp[0] + c.fp[0]);
}

/** TP / (TP + FN) at the first threshold. */
export function recallOf(c: Confusion): number {
  return divideNoNan(c.tp[0], c.tp[0] + c.fn[0]);
}

/** Area under the ROC curve: trapezoids between consecutive thresholds (Keras's 'interpolation'). */
export function rocAucOf(c: Confusion): number {
  let area = 0;
  for (let i = 0; i + 1 < c.tp.length; i++) {
    const tprA = divideNoNan(c.tp[i], c.tp[i] + c.fn[i]);
    const tprB = divideNoNan(c.tp[i + 1], c.tp[i + 1] + c.fn[i + 1]);
    const fprA = divideNoNan(c.fp[i], c.fp[i] + c.tn[i]);
    const fprB = divideNoNan(c.fp[i + 1], c.fp[i + 1] + c.tn[i + 1]);
    area += (fprA - fprB) * ((tprA + tprB) / 2);
  }
  return area;
}

/**
 * Area under the precision-recall curve with Davis & Goadrich's interpolation, as Keras's
 * `interpolate_pr_auc`: precision is interpolated along true positives between thresholds, which
 * the linear trapezoid of the ROC case would overestimate.
 */
export function prAucOf(c: Confusion): number {
  let area = 0;
  for (let i = 0; i + 1 < c.tp.length; i++) {
    const dtp = c.tp[i] - c.tp[i + 1];
    const pA = c.tp[i] + c.fp[i];
    const pB = c.tp[i + 1] + c.fp[i + 1];
    const slope = divideNoNan(dtp, Math.max(pA - pB, 0));
    const intercept = c.tp[i + 1] - slope * pB;
    const ratio = pA > 0 && pB > 0 ? divideNoNan(pA, Math.max(pB, 0)) : 1;
    area += divideNoNan(slope * (dtp + intercept * Math.log(ratio)), Math.max(c.tp[i + 1] + c.fn[i + 1], 0));
  }
  return area;
}
