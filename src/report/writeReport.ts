// STUB: replaced by the dashboard work (issue 5). Signature is fixed.
import type { ChecklistStep, Finding } from '../protocol/findings';
import type { Run } from '../protocol/run';

export interface ReportData {
  title: string;
  runs: Run[];
  findings: Record<string, Finding[]>;
  checklist: ChecklistStep[];
}

/** Writes report.html (self-contained) and each run's history as CSV and JSON into outDir; returns the paths written. */
export async function writeReport(_outDir: string, _data: ReportData): Promise<string[]> {
  return [];
}
