/**
 * The diagnostics: plain data in, findings out (no vscode, no tfjs).
 * `diagnose(run)` reads the run's curves, model summary and data statistics;
 * `deriveChecklist` turns a notebook's runs into the seven steps of the universal workflow.
 */
import type { ChecklistStep, ChecklistTicks, Finding } from '../protocol/findings';
import type { Run } from '../protocol/run';
import { deriveChecklistSteps } from './checklist';
import { resolveOptions, type DiagnoseOptions } from './options';
import { curveFindings } from './rules/curves';
import { modelFindings } from './rules/model';
import { dataFindings } from './rules/data';

export { DEFAULT_DIAGNOSE_OPTIONS, resolveOptions, type DiagnoseOptions } from './options';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Findings for one run (pure: plain data in, findings out), most severe first. */
export function diagnose(run: Run, options: Partial<DiagnoseOptions> = {}): Finding[] {
  const resolved = resolveOptions(options);
  const findings = [...curveFindings(run, resolved), ...modelFindings(run, resolved), ...dataFindings(run, resolved)];
  return findings.map((f, i) => [f, i] as const).sort((a, b) => SEVERITY_ORDER[a[0].severity] - SEVERITY_ORDER[b[0].severity] || a[1] - b[1]).map(([f]) => f);
}

/** The seven workflow steps with statuses derived from the notebook's runs and the user's ticks. */
export function deriveChecklist(runs: readonly Run[], ticks: ChecklistTicks, findings: Record<string, Finding[]>): ChecklistStep[] {
  return deriveChecklistSteps(runs, ticks, findings);
}
