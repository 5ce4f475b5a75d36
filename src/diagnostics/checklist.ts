/**
 * The seven steps of the universal machine-learning workflow, each with a status Fitlab derives
 * from the notebook's runs where it can, the user's tick where it cannot, and a short "why".
 */
import type { ChecklistStep, ChecklistStepId, ChecklistTicks, Finding } from '../protocol/findings';
import type { Run } from '../protocol/run';
import { baselineOf } from './baseline';
import { DEFAULT_DIAGNOSE_OPTIONS } from './options';
import { inputsScaled } from './rules/data';
import { finiteValues, fmt } from './series';

interface StepDefinition {
  id: ChecklistStepId;
  title: string;
  why: string;
  /** Evidence the runs give that the step is done, or null. Absent: the user ticks the step. */
  derive?: (runs: readonly Run[], findings: Record<string, Finding[]>) => string | null;
}

export const CHECKLIST_STEPS: readonly StepDefinition[] = [
  {
    id: 'define-problem',
    title: 'Define the problem and assemble a dataset',
    why: 'What you predict from what decides everything after; a model only learns what the data shows it.',
  },
  {
    id: 'success-metric',
    title: 'Choose a measure of success',
    why: 'Accuracy for balanced classes; precision/recall/AUC when they are imbalanced; the metric decides the loss and what "better" means.',
  },
  {
    id: 'evaluation-protocol',
    title: 'Decide on an evaluation protocol',
    why: 'Hold-out validation, K-fold, or iterated K-fold with shuffling: without data the model never trained on, overfitting is invisible.',
    derive: (runs) => {
      const kfold = kfoldEvidence(runs);
      if (kfold) return kfold;
      const run = runs.find((r) => r.data.validation.source !== 'none' || (r.history.val_loss?.length ?? 0) > 0);
      return run ? `${run.label} validated on ${run.data.validation.source === 'validationSplit' ? `validationSplit ${run.params.validationSplit ?? ''}`.trim() : 'validation data'}` : null;
    },
  },
  {
    id: 'prepare-data',
    title: 'Prepare the data',
    why: 'Tensors of scaled, normalized values (mean 0, std 1 or [0, 1]): unscaled inputs make gradient descent slow or unstable.',
    derive: (runs) => {
      const last = [...runs].reverse().find((r) => r.data.inputs.samples > 0);
      return last && inputsScaled(last, DEFAULT_DIAGNOSE_OPTIONS) ? `${last.label}: inputs within [${fmt(last.data.inputs.min)}, ${fmt(last.data.inputs.max)}]` : null;
    },
  },
  {
    id: 'beat-baseline',
    title: 'Develop a model that beats a baseline',
    why: 'Statistical power first: a model no better than predicting the majority class or the mean has learned nothing yet.',
    derive: (runs) => {
      for (const run of runs) {
        const evidence = beatsBaseline(run);
        if (evidence) return evidence;
      }
      return null;
    },
  },
  {
    id: 'scale-up',
    title: 'Scale up until it overfits',
    why: 'To know where the line between under- and overfitting is, cross it: more layers, more units, more epochs.',
    derive: (runs, findings) => {
      const run = runs.find((r) => findings[r.id]?.some((f) => f.id === 'overfitting'));
      const onset = run && findings[run.id]!.find((f) => f.id === 'overfitting')!.epoch;
      return run ? `${run.label} overfit from epoch ${onset}` : null;
    },
  },
  {
    id: 'regularize-tune',
    title: 'Regularize and tune',
    why: 'Then add dropout and weight penalties, try fewer units, tune the learning rate, watching the validation loss.',
    derive: (runs, findings) => regularizedBeatOverfit(runs, findings),
  },
];

/**
 * A K-fold fold's run validates on its held-out fold (often as validationData), but the protocol the
 * user chose is K-fold: say so, with k and repeats, and point at the first fold's run (#n as numbered
 * in the run list).
 */
function kfoldEvidence(runs: readonly Run[]): string | null {
  const index = runs.findIndex((r) => r.protocol?.kind === 'kfold');
  if (index < 0) return null;
  const { label, protocol } = runs[index]!;
  const { k, repeats } = protocol!;
  return `K-fold (k=${k}${repeats > 1 ? `, ${repeats} repeats` : ''}) in run #${index + 1} (${label})`;
}

function bestOf(run: Run, key: string, lowerIsBetter: boolean): number | null {
  const values = finiteValues(run.history[key] ?? []);
  if (values.length === 0) return null;
  return lowerIsBetter ? Math.min(...values) : Math.max(...values);
}

function beatsBaseline(run: Run): string | null {
  const baseline = baselineOf(run);
  if (!baseline) return null;
  const margin = DEFAULT_DIAGNOSE_OPTIONS.baselineMargin;
  const lossKey = run.history.val_loss ? 'val_loss' : 'loss';
  const best = bestOf(run, lossKey, true);
  if (baseline.loss !== null && best !== null && best < baseline.loss * (1 - margin)) {
    return `${run.label}: best ${lossKey} ${fmt(best)} < baseline ${fmt(baseline.loss)} (${baseline.description})`;
  }
  if (baseline.accuracy !== null) {
    const accKey = ['val_acc', 'val_accuracy', 'acc', 'accuracy'].find((k) => run.history[k]);
    const bestAcc = accKey ? bestOf(run, accKey, false) : null;
    if (bestAcc !== null && bestAcc > baseline.accuracy + margin) return `${run.label}: best ${accKey} ${fmt(bestAcc)} > majority-class accuracy ${fmt(baseline.accuracy)}`;
  }
  return null;
}

function isRegularized(run: Run): boolean {
  return run.model.layers.some((l) => l.className === 'Dropout' || Boolean(l.kernelRegularizer));
}

function regularizedBeatOverfit(runs: readonly Run[], findings: Record<string, Finding[]>): string | null {
  for (let i = 0; i < runs.length; i++) {
    const overfit = runs[i]!;
    if (!findings[overfit.id]?.some((f) => f.id === 'overfitting')) continue;
    const target = bestOf(overfit, 'val_loss', true);
    if (target === null) continue;
    for (const later of runs.slice(i + 1)) {
      const best = bestOf(later, 'val_loss', true);
      if (isRegularized(later) && best !== null && best < target) {
        return `${later.label}: best val_loss ${fmt(best)} < ${fmt(target)} of the overfitting ${overfit.label}`;
      }
    }
  }
  return null;
}

export function deriveChecklistSteps(runs: readonly Run[], ticks: ChecklistTicks, findings: Record<string, Finding[]>): ChecklistStep[] {
  const finished = runs.filter((r) => r.status !== 'running');
  return CHECKLIST_STEPS.map((step, i) => {
    const evidence = step.derive ? step.derive(finished, findings) : null;
    const status = evidence ? 'done' : ticks[step.id] ? 'manual-done' : 'todo';
    return {
      id: step.id,
      number: i + 1,
      title: step.title,
      why: step.why,
      status,
      derived: Boolean(step.derive),
      ...(evidence ? { evidence } : {}),
    };
  });
}
