// STUB: replaced by the diagnostics work (issue 4). Signatures are fixed.
import type { ChecklistStep, ChecklistTicks, Finding } from '../protocol/findings';
import type { Run } from '../protocol/run';

/** Findings for one run (pure: plain data in, findings out). */
export function diagnose(_run: Run): Finding[] {
  return [];
}

/** The seven workflow steps with statuses derived from the notebook's runs and the user's ticks. */
export function deriveChecklist(_runs: readonly Run[], _ticks: ChecklistTicks, _findings: Record<string, Finding[]>): ChecklistStep[] {
  return [];
}
