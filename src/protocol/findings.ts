/**
 * What the diagnostics say about a run, and the universal-workflow checklist.
 * Plain JSON, shared by the diagnostics module, the CLI, the host and the webviews.
 */

export type FindingId =
  | 'overfitting'
  | 'still-improving'
  | 'underfitting'
  | 'no-better-than-baseline'
  | 'lr-too-high'
  | 'lr-too-low'
  | 'diverged'
  | 'no-validation'
  | 'loss-activation-mismatch'
  | 'inputs-not-scaled'
  | 'class-imbalance'
  | 'dropout-rate'
  | 'regularization-strength'
  | 'no-regularization';

export type Severity = 'error' | 'warning' | 'info';

/** Which part of the cell's code a finding concerns, so the editor can put it on the right line. */
export type FindingTarget = 'fit' | 'optimizer' | 'compile' | 'layer' | 'data';

export interface Finding {
  id: FindingId;
  severity: Severity;
  /** 0-based epoch the finding refers to (e.g. the overfitting onset), or null. */
  epoch: number | null;
  /** One line, with the evidence in numbers. */
  message: string;
  /** Recommended actions, most recommended first. */
  actions: string[];
  target?: FindingTarget;
  /** Layer name, when target is 'layer'. */
  layer?: string;
}

export type ChecklistStepId =
  | 'define-problem'
  | 'success-metric'
  | 'evaluation-protocol'
  | 'prepare-data'
  | 'beat-baseline'
  | 'scale-up'
  | 'regularize-tune';

export type ChecklistStatus = 'done' | 'todo' | 'manual-done';

export interface ChecklistStep {
  id: ChecklistStepId;
  /** 1..7 */
  number: number;
  title: string;
  why: string;
  status: ChecklistStatus;
  /** Whether Fitlab derives the status from runs (otherwise the user ticks it). */
  derived: boolean;
  /** The evidence for a derived status, e.g. "run 3 used validationSplit 0.2". */
  evidence?: string;
}

/** Manual ticks as stored in the notebook metadata. */
export type ChecklistTicks = Partial<Record<ChecklistStepId, boolean>>;
